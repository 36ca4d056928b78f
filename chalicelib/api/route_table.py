"""The route table the app registers at import (generated; `python -m chalicelib.api.route_table` rewrites it).

It lets `app.py` register every route without importing the areas' modules: each is imported by the first
request of one of its routes. A test fails when this table and the declarations in api/routes/ differ.
"""

from __future__ import annotations

ROUTES: list[tuple[str, str, str, str, bool, tuple[str, ...]]] = [
    ('/auth/dev-login', 'POST', 'chalicelib.api.routes.identity', 'dev_login', False, ('application/json',)),
    ('/me', 'GET', 'chalicelib.api.routes.identity', 'me', True, ('application/json',)),
    ('/openapi.json', 'GET', 'chalicelib.api.routes.meta', 'openapi_json', False, ('application/json',)),
    ('/docs', 'GET', 'chalicelib.api.routes.meta', 'docs', False, ('application/json',)),
    ('/notifications', 'GET', 'chalicelib.api.routes.notifications', 'list_notifications', True, ('application/json',)),
    ('/me/notification-preferences', 'GET', 'chalicelib.api.routes.notifications', 'get_notification_preferences', True, ('application/json',)),
    ('/me/notification-preferences', 'PUT', 'chalicelib.api.routes.notifications', 'put_notification_preferences', True, ('application/json',)),
    ('/orgs', 'POST', 'chalicelib.api.routes.orgs', 'create_org', True, ('application/json',)),
    ('/orgs', 'GET', 'chalicelib.api.routes.orgs', 'list_orgs', True, ('application/json',)),
    ('/orgs/{org}', 'GET', 'chalicelib.api.routes.orgs', 'get_org', True, ('application/json',)),
    ('/orgs/{org}/units', 'POST', 'chalicelib.api.routes.orgs', 'create_unit', True, ('application/json',)),
    ('/orgs/{org}/units', 'GET', 'chalicelib.api.routes.orgs', 'list_units', True, ('application/json',)),
    ('/orgs/{org}/positions', 'POST', 'chalicelib.api.routes.orgs', 'create_position', True, ('application/json',)),
    ('/orgs/{org}/positions', 'GET', 'chalicelib.api.routes.orgs', 'list_positions', True, ('application/json',)),
    ('/users', 'POST', 'chalicelib.api.routes.orgs', 'create_user', True, ('application/json',)),
    ('/users', 'GET', 'chalicelib.api.routes.orgs', 'list_users', True, ('application/json',)),
    ('/users/{username}', 'PATCH', 'chalicelib.api.routes.orgs', 'update_user', True, ('application/json',)),
    ('/orgs/{org}/positions/{code}/acting', 'POST', 'chalicelib.api.routes.orgs', 'appoint_acting', True, ('application/json',)),
    ('/orgs/{org}/positions/{code}/acting', 'GET', 'chalicelib.api.routes.orgs', 'list_acting', True, ('application/json',)),
    ('/orgs/{org}/positions/{code}/acting/{appointment_id}/end', 'POST', 'chalicelib.api.routes.orgs', 'end_acting', True, ('application/json',)),
    ('/classifications', 'GET', 'chalicelib.api.routes.classifications', 'list_classifications', True, ('application/json',)),
    ('/classifications/{code}', 'PUT', 'chalicelib.api.routes.classifications', 'put_classification', True, ('application/json',)),
    ('/letters', 'POST', 'chalicelib.api.routes.letters', 'create_letter', True, ('application/json',)),
    ('/letters', 'GET', 'chalicelib.api.routes.letters', 'list_letters', True, ('application/json',)),
    ('/letters/{letter_id}', 'GET', 'chalicelib.api.routes.letters', 'get_letter', True, ('application/json',)),
    ('/letters/{letter_id}', 'PATCH', 'chalicelib.api.routes.letters', 'update_letter', True, ('application/json',)),
    ('/letters/{letter_id}/submit', 'POST', 'chalicelib.api.routes.letters', 'submit_letter', True, ('application/json',)),
    ('/letters/{letter_id}/withdraw', 'POST', 'chalicelib.api.routes.letters', 'withdraw_letter', True, ('application/json',)),
    ('/letters/{letter_id}/decision', 'POST', 'chalicelib.api.routes.letters', 'decide_letter', True, ('application/json',)),
    ('/letters/{letter_id}/timeline', 'GET', 'chalicelib.api.routes.letters', 'letter_timeline', True, ('application/json',)),
    ('/letters/{letter_id}/verification', 'GET', 'chalicelib.api.routes.letters', 'verify_letter', True, ('application/json',)),
    ('/letters/{letter_id}/pdf', 'GET', 'chalicelib.api.routes.letters', 'letter_pdf', True, ('application/json',)),
    ('/letters/{letter_id}/receipts', 'GET', 'chalicelib.api.routes.letters', 'letter_receipts', True, ('application/json',)),
    ('/me/unread', 'GET', 'chalicelib.api.routes.letters', 'my_unread', True, ('application/json',)),
    ('/letters/{letter_id}/attachments', 'POST', 'chalicelib.api.routes.letters', 'add_attachment', True, ('application/json',)),
    ('/letters/{letter_id}/attachments/{attachment_id}/confirm', 'POST', 'chalicelib.api.routes.letters', 'confirm_attachment', True, ('application/json',)),
    ('/letters/{letter_id}/attachments/{attachment_id}', 'GET', 'chalicelib.api.routes.letters', 'download_attachment', True, ('application/json',)),
    ('/approvals', 'GET', 'chalicelib.api.routes.letters', 'list_approvals', True, ('application/json',)),
    ('/public/orgs', 'GET', 'chalicelib.api.routes.public', 'list_public_orgs', False, ('application/json',)),
    ('/public/submissions', 'POST', 'chalicelib.api.routes.public', 'submit', False, ('application/json',)),
    ('/public/track/{code}', 'GET', 'chalicelib.api.routes.public', 'track', False, ('application/json',)),
    ('/public/submissions/{code}/attachments', 'POST', 'chalicelib.api.routes.public', 'request_upload', False, ('application/json',)),
    ('/public/submissions/{code}/attachments/{attachment_id}/confirm', 'POST', 'chalicelib.api.routes.public', 'confirm_upload', False, ('application/json',)),
    ('/public/submissions/{code}/resubmit', 'POST', 'chalicelib.api.routes.public', 'resubmit', False, ('application/json',)),
    ('/submissions', 'GET', 'chalicelib.api.routes.submissions', 'list_submissions', True, ('application/json',)),
    ('/submissions/{submission_id}', 'GET', 'chalicelib.api.routes.submissions', 'get_submission', True, ('application/json',)),
    ('/submissions/{submission_id}/attachments/{attachment_id}', 'GET', 'chalicelib.api.routes.submissions', 'download_submission_attachment', True, ('application/json',)),
    ('/submissions/{submission_id}/verify', 'POST', 'chalicelib.api.routes.submissions', 'verify_submission', True, ('application/json',)),
    ('/submissions/{submission_id}/outcome', 'POST', 'chalicelib.api.routes.submissions', 'decide_outcome', True, ('application/json',)),
    ('/incoming', 'GET', 'chalicelib.api.routes.incoming', 'list_incoming', True, ('application/json',)),
    ('/incoming', 'POST', 'chalicelib.api.routes.incoming', 'register_paper_letter', True, ('application/json',)),
    ('/incoming/{incoming_id}', 'GET', 'chalicelib.api.routes.incoming', 'get_incoming', True, ('application/json',)),
    ('/incoming/{incoming_id}/forward', 'POST', 'chalicelib.api.routes.incoming', 'forward_incoming', True, ('application/json',)),
    ('/incoming/{incoming_id}/attachments/{attachment_id}/confirm', 'POST', 'chalicelib.api.routes.incoming', 'confirm_scan', True, ('application/json',)),
    ('/incoming/{incoming_id}/attachments', 'POST', 'chalicelib.api.routes.incoming', 'replace_scan', True, ('application/json',)),
    ('/incoming/{incoming_id}/documents', 'GET', 'chalicelib.api.routes.incoming', 'list_documents', True, ('application/json',)),
    ('/incoming/{incoming_id}/documents/{document_id}', 'GET', 'chalicelib.api.routes.incoming', 'download_document', True, ('application/json',)),
    ('/incoming/{incoming_id}/reply', 'POST', 'chalicelib.api.routes.incoming', 'draft_reply', True, ('application/json',)),
    ('/incoming/{incoming_id}/dispositions', 'POST', 'chalicelib.api.routes.incoming', 'dispose', True, ('application/json',)),
    ('/dispositions', 'GET', 'chalicelib.api.routes.incoming', 'list_dispositions', True, ('application/json',)),
    ('/dispositions/{disposition_id}', 'GET', 'chalicelib.api.routes.incoming', 'open_disposition', True, ('application/json',)),
    ('/dispositions/{disposition_id}/done', 'POST', 'chalicelib.api.routes.incoming', 'complete_disposition', True, ('application/json',)),
    ('/dispositions/{disposition_id}/recall', 'POST', 'chalicelib.api.routes.incoming', 'recall_disposition', True, ('application/json',)),
    ('/archive', 'GET', 'chalicelib.api.routes.archive', 'search_archive', True, ('application/json',)),
    ('/archive/export', 'GET', 'chalicelib.api.routes.archive', 'export_archive', True, ('application/json',)),
    ('/archive/retention-due', 'GET', 'chalicelib.api.routes.archive', 'retention_due', True, ('application/json',)),
    ('/archive/{record}/legal-hold', 'POST', 'chalicelib.api.routes.archive', 'legal_hold', True, ('application/json',)),
    ('/dashboard', 'GET', 'chalicelib.api.routes.archive', 'dashboard', True, ('application/json',)),
    ('/monev', 'GET', 'chalicelib.api.routes.archive', 'monev', True, ('application/json',)),
    ('/incoming/{incoming_id}/timeline', 'GET', 'chalicelib.api.routes.archive', 'incoming_timeline', True, ('application/json',)),
    ('/submissions/{submission_id}/timeline', 'GET', 'chalicelib.api.routes.archive', 'submission_timeline', True, ('application/json',)),
    ('/public/verify/{code}', 'GET', 'chalicelib.api.routes.proof', 'verify_code', False, ('application/json',)),
    ('/public/verify/{code}', 'POST', 'chalicelib.api.routes.proof', 'verify_file', False, ('application/pdf',)),
    ('/deliveries', 'GET', 'chalicelib.api.routes.dispatch', 'list_org_deliveries', True, ('application/json',)),
    ('/letters/{letter_id}/deliveries', 'GET', 'chalicelib.api.routes.dispatch', 'list_deliveries', True, ('application/json',)),
    ('/letters/{letter_id}/deliveries/{delivery_id}/dispatched', 'POST', 'chalicelib.api.routes.dispatch', 'mark_dispatched', True, ('application/json',)),
    ('/public/submissions/{code}/reply', 'POST', 'chalicelib.api.routes.dispatch', 'reply_letter', False, ('application/json',)),
    ('/me/submissions', 'GET', 'chalicelib.api.routes.my_submissions', 'list_my_submissions', True, ('application/json',)),
    ('/me/submissions/{code}', 'GET', 'chalicelib.api.routes.my_submissions', 'get_my_submission', True, ('application/json',)),
    ('/me/submissions/{code}/attachments', 'POST', 'chalicelib.api.routes.my_submissions', 'request_my_upload', True, ('application/json',)),
    ('/me/submissions/{code}/attachments/{attachment_id}/confirm', 'POST', 'chalicelib.api.routes.my_submissions', 'confirm_my_upload', True, ('application/json',)),
    ('/me/submissions/{code}/resubmit', 'POST', 'chalicelib.api.routes.my_submissions', 'resubmit_mine', True, ('application/json',)),
    ('/me/submissions/{code}/reply', 'GET', 'chalicelib.api.routes.my_submissions', 'my_reply_letter', True, ('application/json',)),
    ('/distribution-lists', 'GET', 'chalicelib.api.routes.distribution_lists', 'list_distribution_lists', True, ('application/json',)),
    ('/distribution-lists', 'POST', 'chalicelib.api.routes.distribution_lists', 'create_distribution_list', True, ('application/json',)),
    ('/distribution-lists/{list_id}', 'GET', 'chalicelib.api.routes.distribution_lists', 'get_distribution_list', True, ('application/json',)),
    ('/distribution-lists/{list_id}', 'PUT', 'chalicelib.api.routes.distribution_lists', 'put_distribution_list', True, ('application/json',)),
    ('/distribution-lists/{list_id}', 'DELETE', 'chalicelib.api.routes.distribution_lists', 'delete_distribution_list', True, ('application/json',)),
    ('/orgs/{org}/units/{code}', 'PATCH', 'chalicelib.api.routes.org_structure', 'edit_unit', True, ('application/json',)),
    ('/orgs/{org}/positions/{code}', 'PATCH', 'chalicelib.api.routes.org_structure', 'edit_position', True, ('application/json',)),
    ('/orgs/{org}/letterhead', 'GET', 'chalicelib.api.routes.letterhead', 'get_letterhead', True, ('application/json',)),
    ('/orgs/{org}/letterhead', 'PUT', 'chalicelib.api.routes.letterhead', 'put_letterhead', True, ('application/json',)),
    ('/orgs/{org}/letterhead/logo', 'PUT', 'chalicelib.api.routes.letterhead', 'put_letterhead_logo', True, ('image/png', 'image/jpeg')),
    ('/orgs/{org}/letterhead/logo', 'DELETE', 'chalicelib.api.routes.letterhead', 'delete_letterhead_logo', True, ('application/json',)),
    ('/orgs/{org}/letterhead/preview', 'GET', 'chalicelib.api.routes.letterhead', 'preview_letterhead', True, ('application/json',)),
    ('/letter-types', 'GET', 'chalicelib.api.routes.letter_types', 'list_letter_types', True, ('application/json',)),
    ('/letter-types/{code}', 'GET', 'chalicelib.api.routes.letter_types', 'get_letter_type', True, ('application/json',)),
]


def render() -> str:
    """The source of this module with the table of the current declarations."""
    from pathlib import Path

    from chalicelib.api.http import route_table

    source = Path(__file__).read_text()
    head, _, rest = source.partition("ROUTES: list[tuple[str, str, str, str, bool, tuple[str, ...]]] = [\n")
    _, _, tail = rest.partition("]\n")
    rows = "".join(f"    {row!r},\n" for row in route_table())
    return f"{head}ROUTES: list[tuple[str, str, str, str, bool, tuple[str, ...]]] = [\n{rows}]\n{tail}"


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).write_text(render())
