"""Channels that reach staff outside the app: e-mail through SES, SMS through SNS.

Each adapter picks its address from the person's contact and sends one message. Another provider (e.g. a
WhatsApp Business API) is one more class with the same two methods, registered in the composition root.
"""

from __future__ import annotations

from chalicelib.adapters import aws
from chalicelib.domain.staff_alerts import Contact, Message

SMS_MAX = 300


class EmailChannel:
    """Plain-text e-mail from the deployment's verified SES identity."""

    def __init__(self, from_address: str, region: str) -> None:
        self.from_address = from_address
        self.region = region

    def address(self, contact: Contact) -> str | None:
        """The person's e-mail address, if their record has one."""
        return contact.email or None

    def send(self, to: str, message: Message) -> None:
        """One e-mail (SES SendEmail)."""
        aws.client("ses", self.region).send_email(
            Source=self.from_address, Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": message.subject, "Charset": "UTF-8"},
                     "Body": {"Text": {"Data": message.text, "Charset": "UTF-8"}}},
        )


class SmsChannel:
    """A transactional SMS (SNS Publish to a phone number)."""

    def __init__(self, region: str) -> None:
        self.region = region

    def address(self, contact: Contact) -> str | None:
        """The person's phone number (E.164), if their record has one."""
        return contact.phone or None

    def send(self, to: str, message: Message) -> None:
        """One SMS of at most 300 characters (the link is on the last line and kept)."""
        text = message.text
        if len(text) > SMS_MAX:
            head, _, link = text.rpartition("\n")
            text = head[: SMS_MAX - len(link) - 2] + "…\n" + link
        aws.client("sns", self.region).publish(
            PhoneNumber=to, Message=text,
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                               "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": "KANTORVRT"}},
        )
