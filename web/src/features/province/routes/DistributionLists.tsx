import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { useCreateList, useDeleteList, useLists, useOrgs, usePutList, type DistributionList, type Member, type Org } from "../api";
import { isProvinceAdmin } from "./Orgs";

type T = ReturnType<typeof useI18n>["t"];

function refusal(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  if (error.status === 409) return error.message.includes("exists") ? t("admin.lists.exists") : t("admin.lists.stale");
  return error.message;
}

/** A stored member as one to send back (the API takes the same fields it gives). */
const asInput = (m: DistributionList["members"][number]): Member =>
  ({ kind: m.kind as Member["kind"], code: m.code, name: m.name, email: m.email, address: m.address }) as Member;
const orgMember = (code: string): Member => ({ kind: "org", code, name: null, email: null, address: null }) as Member;

export function DistributionLists() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.lists.title")} wide>
      <RequireRole allowed={isProvinceAdmin}>
        <p>{t("admin.lists.lead")}</p>
        <ListsScreen />
      </RequireRole>
    </Page>
  );
}

function ListsScreen() {
  const { t } = useI18n();
  const lists = useLists();
  const orgs = useOrgs();
  const [editing, setEditing] = useState<string>();
  const [done, setDone] = useState<string>();
  if (lists.isPending || orgs.isPending) return <Loading />;
  const failed = lists.error ?? orgs.error;
  if (failed || !lists.data || !orgs.data) return <QueryError error={failed} />;
  const chosen = lists.data.items.find((l) => l.id === editing);
  return (
    <>
      {done && <Notice kind="success">{done}</Notice>}
      {lists.data.items.length === 0 ? (
        <p>{t("admin.lists.none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("admin.lists.tableLabel")}>
          <table className="data-table data-table--cards" data-testid="lists">
            <thead>
              <tr>
                <th scope="col">{t("admin.lists.col.name")}</th>
                <th scope="col">{t("admin.lists.col.members")}</th>
                <th scope="col">{t("admin.lists.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.data.items.map((list) => (
                <tr key={list.id} data-testid={`list-${list.id}`}>
                  <th scope="row">
                    {list.name}
                    {list.description && <div className="meta">{list.description}</div>}
                  </th>
                  <td data-label={t("admin.lists.col.members")}>{t("admin.lists.memberCount", { n: list.members.length })}</td>
                  <td>
                    <div className="actions actions--tight">
                      <button type="button" className="button button--small button--secondary" onClick={() => { setDone(undefined); setEditing(list.id); }}>
                        {t("admin.lists.edit")} <span className="visually-hidden">{list.name}</span>
                      </button>
                      <RemoveList list={list} onRemoved={(name) => { setEditing(undefined); setDone(t("admin.lists.removed", { name })); }} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen ? (
        <ListForm key={chosen.id} list={chosen} orgs={orgs.data.items} onDone={(message) => { setEditing(undefined); setDone(message); }} />
      ) : (
        <ListForm orgs={orgs.data.items} onDone={setDone} />
      )}
    </>
  );
}

function RemoveList({ list, onRemoved }: { list: DistributionList; onRemoved: (name: string) => void }) {
  const { t } = useI18n();
  const remove = useDeleteList();
  const [confirming, setConfirming] = useState(false);
  const focused = useRef(false); // the confirmation takes the focus once, when it appears
  async function apply() {
    const ok = await remove.mutateAsync({ id: list.id, version: list.version }).then(() => true, () => false);
    if (ok) onRemoved(list.name);
  }
  return (
    <>
      {confirming ? (
        <div role="group" aria-label={t("admin.lists.remove")}>
          <p>{t("admin.lists.confirmRemove", { name: list.name })}</p>
          <div className="actions actions--tight">
            <button type="button" className="button button--small" disabled={remove.isPending} onClick={apply} ref={(el) => { if (el && !focused.current) { focused.current = true; el.focus(); } }}>{t("admin.lists.yesRemove")}</button>
            <button type="button" className="button button--small button--secondary" onClick={() => { setConfirming(false); remove.reset(); }}>{t("admin.lists.cancel")}</button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--small button--secondary" onClick={() => { focused.current = false; setConfirming(true); }}>
          {t("admin.lists.remove")} <span className="visually-hidden">{list.name}</span>
        </button>
      )}
      {remove.isError && <Notice kind="error">{refusal(t, remove.error)}</Notice>}
    </>
  );
}

/** Create a list (no `list`) or replace one's name, description and org members (other members are kept). */
function ListForm({ list, orgs, onDone }: { list?: DistributionList; orgs: Org[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const create = useCreateList();
  const put = usePutList();
  const others = (list?.members ?? []).filter((m) => m.kind !== "org");
  const [name, setName] = useState(list?.name ?? "");
  const [description, setDescription] = useState(list?.description ?? "");
  const [members, setMembers] = useState<string[]>((list?.members ?? []).filter((m) => m.kind === "org" && m.code).map((m) => m.code as string));
  const [search, setSearch] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const prefix = list ? `list-${list.id}` : "list-new";
  const needle = search.trim().toLowerCase();
  const shown = orgs.filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.code.toLowerCase().includes(needle));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!name.trim()) missing.push({ field: `${prefix}-name`, message: t("admin.lists.required", { field: t("admin.lists.name") }) });
    if (!members.length && !others.length) missing.push({ field: `${prefix}-search`, message: t("admin.lists.chooseMembers") });
    setErrors(missing);
    if (missing.length) return;
    const body = { name: name.trim(), description: description.trim() || null, members: [...members.map(orgMember), ...others.map(asInput)] };
    try {
      if (list) {
        const saved = await put.mutateAsync({ id: list.id, body: { ...body, version: list.version } });
        onDone(t("admin.lists.saved", { name: saved.name }));
      } else {
        const saved = await create.mutateAsync({ ...body, id: null });
        onDone(t("admin.lists.created", { name: saved.name }));
        setName("");
        setDescription("");
        setMembers([]);
        setSearch("");
      }
    } catch (e) {
      setErrors([{ field: `${prefix}-name`, message: refusal(t, e) }]);
    }
  }

  const error = (f: string) => errors.find((e) => e.field === `${prefix}-${f}`)?.message;
  const toggle = (code: string, on: boolean) => setMembers(on ? [...members, code] : members.filter((c) => c !== code));
  const title = list ? t("admin.lists.editTitle", { name: list.name }) : t("admin.lists.newList");
  return (
    <section aria-labelledby={`${prefix}-title`} data-testid={list ? "edit-list" : "new-list"}>
      <h2 id={`${prefix}-title`}>{title}</h2>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      <form onSubmit={onSubmit} noValidate className="page">
        <Field id={`${prefix}-name`} label={t("admin.lists.name")} hint={t("admin.lists.nameHint")} error={error("name")}>
          {(describedBy, invalid) => <input id={`${prefix}-name`} type="text" value={name} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id={`${prefix}-description`} label={t("admin.lists.description")}>
          {() => <input id={`${prefix}-description`} type="text" value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset className="member-picker">
          <legend>{t("admin.lists.members")}</legend>
          <Field id={`${prefix}-search`} label={t("admin.lists.search")} error={error("search")}>
            {(describedBy, invalid) => <input id={`${prefix}-search`} type="search" value={search} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setSearch(e.target.value)} />}
          </Field>
          <p className="meta" aria-live="polite">{t("admin.lists.chosen", { n: members.length })}</p>
          {others.length > 0 && <p className="meta">{t("admin.lists.otherMembers", { n: others.length })}</p>}
          <ul className="member-picker__options">
            {shown.map((o) => (
              <li key={o.code}>
                <label>
                  <input type="checkbox" checked={members.includes(o.code)} onChange={(e) => toggle(o.code, e.target.checked)} />
                  <span>{o.name} <span className="meta">({o.code})</span></span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="actions">
          <button className="button" type="submit" disabled={create.isPending || put.isPending}>{list ? t("admin.lists.save") : t("admin.lists.create")}</button>
          {list && <button className="button button--secondary" type="button" onClick={() => onDone("")}>{t("admin.lists.cancel")}</button>}
        </div>
      </form>
    </section>
  );
}
