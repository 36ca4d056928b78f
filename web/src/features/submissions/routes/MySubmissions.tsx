import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "@/shared/api/client";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate, formatDateTime, formatRupiah } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Timeline } from "@/shared/ui/Timeline";
import { CompleteAsOwner, ReplyAsOwner } from "../components/OwnerActions";

/** "Pengajuan saya": a public account's submissions. */
export function MySubmissions() {
  const { t } = useI18n();
  return (
    <Page title={t("mine.title")}>
      <RequireSignIn>
        <List />
      </RequireSignIn>
    </Page>
  );
}

function List() {
  const { t, lang } = useI18n();
  const who = useSession()?.user.username;
  const list = useQuery({ queryKey: ["mine", who], queryFn: () => unwrap(api.GET("/me/submissions", { params: { query: { limit: 50 } } })) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} />;
  return (
    <>
      <p><Link className="button" to="/kirim">{t("nav.send")}</Link></p>
      {list.data.items.length === 0 ? <p>{t("mine.none")}</p> : (
        <ul className="list">
          {list.data.items.map((s) => (
            <li key={s.code}>
              <Link to={`/pengajuan/${s.code}`}>{s.subject}</Link>
              <p className="meta">{s.code} · {s.org_name} · {t(`status.${s.status}` as MessageKey)} · {formatDate(s.updated_at, lang)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One of my submissions: content, attachments, timeline, reply. */
export function MySubmission() {
  const { t } = useI18n();
  const code = useParams().kode ?? "";
  return (
    <Page title={t("track.title", { code })}>
      <RequireSignIn>
        <Detail code={code} />
      </RequireSignIn>
    </Page>
  );
}

function Detail({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const who = useSession()?.user.username;
  const detail = useQuery({ queryKey: ["mine", who, code], queryFn: () => unwrap(api.GET("/me/submissions/{code}", { params: { path: { code } } })) });
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <QueryError error={detail.error} />;
  const s = detail.data;
  return (
    <>
      <dl className="summary">
        <dt>{t("send.fields.subject")}</dt><dd>{s.subject}</dd>
        <dt>{t("track.org")}</dt><dd>{s.org_name}</dd>
        <dt>{t("track.status")}</dt><dd><strong data-testid="track-status" data-status={s.status}>{t(`status.${s.status}` as MessageKey)}</strong></dd>
        {s.requested_amount != null && (<><dt>{t("send.fields.requested_amount")}</dt><dd>{formatRupiah(s.requested_amount)}</dd></>)}
        {s.event_date && (<><dt>{t("send.fields.event_date")}</dt><dd>{formatDate(s.event_date, lang)}</dd></>)}
        {s.return_reason && (<><dt>{t("mine.returnReason")}</dt><dd>{s.return_reason}</dd></>)}
      </dl>
      <div className="letter-body">{s.body.split("\n").map((line, i) => <p key={i}>{line}</p>)}</div>
      {s.attachments.length > 0 && (
        <>
          <h2>{t("files.label")}</h2>
          <ul>{s.attachments.map((a) => <li key={a.id}>{a.filename}</li>)}</ul>
        </>
      )}
      <h2>{t("track.timeline")}</h2>
      <Timeline label={t("track.timeline")} items={s.timeline.map((e) => ({ at: e.at, title: t(`status.${e.status}` as MessageKey), detail: e.reason }))} />
      {s.status === "returned" && <CompleteAsOwner code={code} />}
      {s.reply && (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">{t("track.replyTitle")}</h2>
          <p>{t("track.replyText", { number: s.reply.number, date: formatDate(s.reply.date, lang) })}</p>
          <ReplyAsOwner code={code} />
        </section>
      )}
      <p className="meta">{t("track.sent")}: {formatDateTime(s.submitted_at, lang)}</p>
    </>
  );
}
