import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Pager } from "@/features/letters/components/Pager";
import { exportCsv, legalHold, useArchive, useOrgList, useRetentionDue, type ArchiveFilters } from "../api";

export const ARCHIVE_ROLES = ["admin", "operator", "auditor"];

/** Archive search with filters and CSV export, retention due, legal holds; the auditor switches orgs, read only. */
export function Archive() {
  const { t } = useI18n();
  return (
    <Page title={t("ops.archive.title")} wide>
      <RequireSignIn roles={ARCHIVE_ROLES}>
        <ArchiveSearch />
      </RequireSignIn>
    </Page>
  );
}

function ArchiveSearch() {
  const { t } = useI18n();
  const user = useSession()!.user;
  const picksOrg = user.role === "auditor" || !user.org;
  const [params, setParams] = useSearchParams();
  const filters: ArchiveFilters = {
    org: params.get("org") ?? (picksOrg ? (user.org ?? undefined) : undefined),
    q: params.get("q") ?? undefined,
    kind: (params.get("kind") as ArchiveFilters["kind"]) ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  };
  const ready = !picksOrg || !!filters.org;
  const canHold = user.role === "admin";
  return (
    <>
      <p>{t("ops.archive.lead")}</p>
      {user.role === "auditor" && <Notice>{t("ops.archive.readOnly")}</Notice>}
      <SearchForm
        key={JSON.stringify(filters)}
        initial={filters}
        picksOrg={picksOrg}
        onSearch={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>)}
      />
      {ready && <Results filters={filters} canHold={canHold} />}
      {ready && <RetentionDue org={filters.org} canHold={canHold} />}
    </>
  );
}

function SearchForm({ initial, picksOrg, onSearch }: { initial: ArchiveFilters; picksOrg: boolean; onSearch: (f: ArchiveFilters) => void }) {
  const { t } = useI18n();
  const orgs = useOrgList(picksOrg);
  const [form, setForm] = useState<ArchiveFilters>(initial);
  const [exportFailed, setExportFailed] = useState(false);
  const set = (name: keyof ArchiveFilters) => (value: string) => setForm({ ...form, [name]: value || undefined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label={t("ops.archive.search")}>
      {picksOrg && (
        <div className="field">
          <label htmlFor="archive-org">{t("ops.archive.org")}</label>
          <select id="archive-org" value={form.org ?? ""} onChange={(e) => set("org")(e.target.value)}>
            <option value="">—</option>
            {(orgs.data?.items ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="archive-q">{t("ops.archive.q")}</label>
        <input id="archive-q" type="search" value={form.q ?? ""} maxLength={100} onChange={(e) => set("q")(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="archive-kind">{t("ops.archive.kind")}</label>
        <select id="archive-kind" value={form.kind ?? ""} onChange={(e) => set("kind")(e.target.value)}>
          <option value="">{t("ops.archive.kindAll")}</option>
          <option value="letter">{t("ops.archive.kinds.letter")}</option>
          <option value="incoming">{t("ops.archive.kinds.incoming")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="archive-from">{t("ops.archive.from")}</label>
        <input id="archive-from" type="date" value={form.from ?? ""} onChange={(e) => set("from")(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="archive-to">{t("ops.archive.to")}</label>
        <input id="archive-to" type="date" value={form.to ?? ""} onChange={(e) => set("to")(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t("ops.archive.search")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={picksOrg && !form.org}
          onClick={() => exportCsv(form).then(() => setExportFailed(false), () => setExportFailed(true))}
        >
          {t("ops.archive.export")}
        </button>
      </div>
      {exportFailed && <Notice kind="error">{t("errors.generic")}</Notice>}
    </form>
  );
}

interface Entry {
  record: string;
  subject: string;
  number: string | null;
  kind: string;
  date: string;
  sender: string;
  classification: string | null;
  action_due: string;
  final_action: string;
}

function Results({ filters, canHold }: { filters: ArchiveFilters; canHold: boolean }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useArchive(filters, cursors.at(-1), true);
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t("ops.archive.results")}</h2>
      {!page.data.items.length ? <p>{t("ops.archive.none")}</p> : <EntryList items={page.data.items} canHold={canHold} testId="archive-results" />}
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </section>
  );
}

function RetentionDue({ org, canHold }: { org: string | undefined; canHold: boolean }) {
  const { t } = useI18n();
  const due = useRetentionDue(org, true);
  return (
    <section aria-labelledby="due-title">
      <h2 id="due-title">{t("ops.archive.retention")}</h2>
      {due.isPending ? (
        <Loading />
      ) : due.isError ? (
        <QueryError error={due.error} />
      ) : !due.data.items.length ? (
        <p>{t("ops.archive.retentionNone")}</p>
      ) : (
        <EntryList items={due.data.items} canHold={canHold} testId="archive-due" />
      )}
    </section>
  );
}

function EntryList({ items, canHold, testId }: { items: Entry[]; canHold: boolean; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <ul className="list" data-testid={testId}>
      {items.map((e) => (
        <li key={e.record}>
          <Link to={`/arsip/jejak/${e.record}`}>{e.subject}</Link>
          <p className="meta">
            {t(`ops.archive.kinds.${e.kind}` as MessageKey)} · {e.number ?? "—"} · {e.sender} · {formatDate(e.date, lang)}
            {e.classification && ` · ${e.classification}`}
          </p>
          <p className="meta">{t("ops.archive.actionDue", { when: formatDate(e.action_due, lang), action: e.final_action })}</p>
          {canHold && <HoldButton record={e.record} />}
        </li>
      ))}
    </ul>
  );
}

function HoldButton({ record }: { record: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const [state, setState] = useState<"idle" | "done" | "failed">("idle");
  return (
    <div className="inline-fields">
      <div className="field">
        <label htmlFor={`hold-${record}`}>{t("ops.archive.holdNote")}</label>
        <input id={`hold-${record}`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={async () => {
          try {
            await legalHold(record, true, note.trim());
            setState("done");
            await client.invalidateQueries({ queryKey: ["archive-due"] });
          } catch {
            setState("failed");
          }
        }}
      >
        {t("ops.archive.hold")}
      </button>
      {state === "done" && <Notice kind="success">{t("ops.archive.held")}</Notice>}
      {state === "failed" && <Notice kind="error">{t("errors.generic")}</Notice>}
    </div>
  );
}
