import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Pager } from "@/features/letters/components/Pager";
import { markDispatched, useDispatchList, VIA, type DispatchVia } from "../api";
import { OPERATOR } from "./Queue";

type Tab = "pending" | "dispatched";

/** Signed letters to send by post or courier (oldest first), and those sent so, with their receipts. */
export function Dispatch() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const tab: Tab = params.get("status") === "dispatched" ? "dispatched" : "pending";
  return (
    <Page title={t("ops.dispatch.title")} wide>
      <RequireSignIn roles={OPERATOR}>
        <p>{t("ops.dispatch.lead")}</p>
        <nav aria-label={t("ops.dispatch.title")} className="tabs">
          <ul>
            {(["pending", "dispatched"] as Tab[]).map((name) => (
              <li key={name}>
                <Link to={`/operator/pengiriman?status=${name}`} aria-current={name === tab ? "page" : undefined}>
                  {t(`ops.dispatch.${name}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <DispatchList key={tab} state={tab} />
      </RequireSignIn>
    </Page>
  );
}

function DispatchList({ state }: { state: Tab }) {
  const { t, lang } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useDispatchList(state, cursors.at(-1));
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  if (!page.data.items.length) return <p>{state === "pending" ? t("ops.dispatch.none") : t("ops.dispatch.noneSent")}</p>;
  return (
    <>
      <ul className="list" data-testid={`dispatch-${state}`}>
        {page.data.items.map((d) => (
          <li key={`${d.letter_id}-${d.id}`}>
            <strong>{d.letter_number}</strong> — {d.subject ?? t("ops.dispatch.secret")}
            <p className="meta">
              {t("ops.dispatch.to")}: {d.name}
              {d.address && `, ${d.address}`}
              {d.reason && ` · ${t("ops.dispatch.reason")}: ${d.reason}`}
            </p>
            {state === "pending" ? (
              <MarkSent letterId={d.letter_id} deliveryId={d.id} label={`${d.letter_number ?? ""} ${d.name}`} />
            ) : (
              <p className="meta">
                {t("ops.dispatch.sentBy", {
                  when: formatDateTime(d.dispatched_at, lang),
                  via: d.via ? t(`ops.dispatch.viaName.${d.via}` as MessageKey) : "",
                  who: d.dispatched_by ?? "",
                })}
                {d.receipt && ` · ${d.receipt}`}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </>
  );
}

function MarkSent({ letterId, deliveryId, label }: { letterId: string; deliveryId: string; label: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [via, setVia] = useState<DispatchVia>("pos");
  const [receipt, setReceipt] = useState("");
  const [note, setNote] = useState("");
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const id = `${letterId}-${deliveryId}`;
  const send = async () => {
    setState("busy");
    try {
      await markDispatched(letterId, deliveryId, via, receipt.trim(), note.trim());
      await client.invalidateQueries({ queryKey: ["ops-dispatch"] });
    } catch {
      setState("failed");
    }
  };
  return (
    <fieldset className="inline-fields">
      <legend className="visually-hidden">{t("ops.dispatch.mark")}: {label}</legend>
      <Field id={`via-${id}`} label={t("ops.dispatch.via")}>
        {() => (
          <select id={`via-${id}`} value={via} onChange={(e) => setVia(e.target.value as DispatchVia)}>
            {VIA.map((v) => (
              <option key={v} value={v}>{t(`ops.dispatch.viaName.${v}` as MessageKey)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`receipt-${id}`} label={t("ops.dispatch.receipt")}>
        {() => <input id={`receipt-${id}`} value={receipt} maxLength={100} onChange={(e) => setReceipt(e.target.value)} />}
      </Field>
      <Field id={`note-${id}`} label={t("ops.dispatch.note")}>
        {() => <input id={`note-${id}`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {state === "failed" && <Notice kind="error">{t("errors.generic")}</Notice>}
      <button type="button" className="button button--small" disabled={state === "busy"} onClick={send}>
        {t("ops.dispatch.mark")}
      </button>
    </fieldset>
  );
}
