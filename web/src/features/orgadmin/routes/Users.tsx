import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import { useSession, type SessionUser } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { useCreateUser, useEditUser, useStructure, type Position, type User, type UserPatch } from "../api";
import { errorField } from "../errors";

const isOrgAdmin = (user: SessionUser) => user.role === "admin" && !!user.org;
/** The roles an org's admin gives (auditors and the public are the province admin's). */
const ROLES = ["employee", "operator", "admin"] as const;
type Role = (typeof ROLES)[number];
type T = ReturnType<typeof useI18n>["t"];

/** The API's refusal in words: a 409 names the field it is about. */
function refusal(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  const field = errorField(error);
  if (error.status === 409) {
    if (field === "username") return t("admin.users.conflict.username");
    if (field === "position") return t("admin.users.conflict.position");
    if (field === "active") return t("admin.users.conflict.self");
    if (field === "role") return t("admin.users.conflict.selfRole");
    return t("admin.users.conflict.changed");
  }
  return error.message;
}

export function Users() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.users.title")} wide>
      <RequireRole allowed={isOrgAdmin}>
        <p>{t("admin.users.lead")}</p>
        <UsersScreen />
      </RequireRole>
    </Page>
  );
}

function UsersScreen() {
  const { t } = useI18n();
  const org = useSession()?.user.org ?? "";
  const { positions, users } = useStructure(org);
  const [editing, setEditing] = useState<string>();
  if (positions.isPending || users.isPending) return <Loading />;
  const failed = positions.error ?? users.error;
  if (failed || !positions.data || !users.data) return <QueryError error={failed} />;
  const all = positions.data.items;
  const vacant = all.filter((p) => !p.holder);
  const chosen = users.data.items.find((u) => u.username === editing);
  return (
    <>
      <p className="meta">{t("admin.users.count", { n: users.data.items.length })}</p>
      <UserTable users={users.data.items} positions={all} org={org} onEdit={setEditing} />
      {chosen && <EditUser key={chosen.username} org={org} user={chosen} positions={all} vacant={vacant} onDone={() => setEditing(undefined)} />}
      <CreateUser org={org} vacant={vacant} />
    </>
  );
}

function UserTable({ users, positions, org, onEdit }: { users: User[]; positions: Position[]; org: string; onEdit: (username: string) => void }) {
  const { t } = useI18n();
  const title = (code: unknown) => positions.find((p) => p.code === code)?.title ?? (code ? String(code) : "—");
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("admin.users.tableLabel")}>
      <table className="data-table data-table--cards" data-testid="users">
        <thead>
          <tr>
            <th scope="col">{t("admin.users.col.name")}</th>
            <th scope="col">{t("admin.users.col.username")}</th>
            <th scope="col">{t("admin.users.col.role")}</th>
            <th scope="col">{t("admin.users.col.position")}</th>
            <th scope="col">{t("admin.users.col.contact")}</th>
            <th scope="col">{t("admin.users.col.status")}</th>
            <th scope="col">{t("admin.users.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.username} data-testid={`user-${u.username}`} className={u.active ? undefined : "inactive"}>
              <th scope="row">{u.full_name}</th>
              <td data-label={t("admin.users.col.username")}>{u.username}</td>
              <td data-label={t("admin.users.col.role")}>{t(`admin.users.role.${u.role}`)}</td>
              <td data-label={t("admin.users.col.position")}>{title(u.position)}</td>
              <td data-label={t("admin.users.col.contact")}>
                {u.email ?? "—"}
                {u.phone && <><br />{u.phone}</>}
              </td>
              <td data-label={t("admin.users.col.status")}>{u.active ? t("admin.users.active") : <strong>{t("admin.users.inactive")}</strong>}</td>
              <td>
                <div className="actions actions--tight">
                  <button type="button" className="button button--small button--secondary" onClick={() => onEdit(u.username)}>
                    {t("admin.users.edit")} <span className="visually-hidden">{u.full_name}</span>
                  </button>
                  <Activation org={org} user={u} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Deactivate or reactivate, after a confirmation; a refusal is shown in words next to the button. */
function Activation({ org, user }: { org: string; user: User }) {
  const { t } = useI18n();
  const edit = useEditUser(org);
  const [confirming, setConfirming] = useState(false);
  const focused = useRef(false); // the confirmation takes the focus once, when it appears
  const verb = user.active ? t("admin.users.deactivate") : t("admin.users.reactivate");
  async function apply() {
    const saved = await edit.mutateAsync({ username: user.username, body: { active: !user.active } }).catch(() => null);
    if (saved) setConfirming(false);
  }
  return (
    <>
      {confirming ? (
        <div role="group" aria-label={verb}>
          <p>{t(user.active ? "admin.users.confirmDeactivate" : "admin.users.confirmReactivate", { name: user.full_name })}</p>
          <div className="actions actions--tight">
            <button type="button" className="button button--small" disabled={edit.isPending} onClick={apply} ref={(el) => { if (el && !focused.current) { focused.current = true; el.focus(); } }}>{t("admin.users.yes", { verb })}</button>
            <button type="button" className="button button--small button--secondary" onClick={() => { setConfirming(false); edit.reset(); }}>{t("admin.users.cancel")}</button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--small button--secondary" onClick={() => { focused.current = false; setConfirming(true); }}>
          {verb} <span className="visually-hidden">{user.full_name}</span>
        </button>
      )}
      {edit.isError && <Notice kind="error">{refusal(t, edit.error)}</Notice>}
    </>
  );
}

function PositionOptions({ positions, none }: { positions: Position[]; none?: string }) {
  return (
    <>
      {none && <option value="">{none}</option>}
      {positions.map((p) => (
        <option key={p.code} value={p.code}>{p.title} ({p.code})</option>
      ))}
    </>
  );
}

function EditUser({ org, user, positions, vacant, onDone }: { org: string; user: User; positions: Position[]; vacant: Position[]; onDone: () => void }) {
  const { t } = useI18n();
  const edit = useEditUser(org);
  const current = positions.find((p) => p.code === user.position);
  const [form, setForm] = useState({ name: user.full_name, email: user.email ?? "", phone: user.phone ?? "", role: user.role, position: current?.code ?? "" });
  const [saved, setSaved] = useState(false);
  const id = `edit-${user.username}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const body: Partial<UserPatch> = {};
    if (form.name.trim() !== user.full_name) body.name = form.name.trim();
    if (form.email.trim() && form.email.trim() !== (user.email ?? "")) body.email = form.email.trim();
    if (form.phone.trim() !== (user.phone ?? "")) body.phone = form.phone.trim() || null;
    if (form.role !== user.role) body.role = form.role as Role;
    if (form.position !== (current?.code ?? "")) body.position = form.position || null;
    if (!Object.keys(body).length) return onDone();
    const done = await edit.mutateAsync({ username: user.username, body }).catch(() => null);
    if (done) setSaved(true);
  }
  const seats = current ? [current, ...vacant] : vacant;
  return (
    <section aria-labelledby={`${id}-title`} data-testid="edit-user">
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>{t("admin.users.editTitle", { name: user.full_name })}</h2>
      {saved && <Notice kind="success">{t("admin.users.saved", { name: form.name })}</Notice>}
      {edit.isError && <Notice kind="error">{refusal(t, edit.error)}</Notice>}
      <form onSubmit={onSubmit} className="stack-form">
        <Field id={`${id}-name`} label={t("admin.users.field.name")}>
          {() => <input id={`${id}-name`} type="text" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field id={`${id}-email`} label={t("admin.users.field.email")}>
          {() => <input id={`${id}-email`} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field id={`${id}-phone`} label={t("admin.users.field.phone")}>
          {() => <input id={`${id}-phone`} type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />}
        </Field>
        <Field id={`${id}-role`} label={t("admin.users.field.role")}>
          {() => (
            <select id={`${id}-role`} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {(ROLES as readonly string[]).includes(user.role) ? null : <option value={user.role}>{t(`admin.users.role.${user.role}`)}</option>}
              {ROLES.map((r) => <option key={r} value={r}>{t(`admin.users.role.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id={`${id}-position`} label={t("admin.users.field.position")} hint={t("admin.users.positionHint")}>
          {(describedBy) => (
            <select id={`${id}-position`} aria-describedby={describedBy} value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value })}>
              <PositionOptions positions={seats} none={t("admin.users.noPosition")} />
            </select>
          )}
        </Field>
        <div className="actions">
          <button className="button" type="submit" disabled={edit.isPending}>{t("admin.users.save")}</button>
          <button className="button button--secondary" type="button" onClick={onDone}>{t("admin.users.close")}</button>
        </div>
      </form>
    </section>
  );
}

const EMPTY = { username: "", full_name: "", email: "", phone: "", role: "employee" as Role, position: "", nip: "" };
type CreateField = Exclude<keyof typeof EMPTY, "role">;

function CreateUser({ org, vacant }: { org: string; vacant: Position[] }) {
  const { t } = useI18n();
  const create = useCreateUser(org);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string>();
  const employee = form.role === "employee";
  const required: CreateField[] = ["username", "full_name", "email", ...(employee ? (["position", "nip"] as const) : [])];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    const missing: FieldError[] = required
      .filter((f) => !form[f].trim())
      .map((f) => ({ field: `user-${f}`, message: t("admin.users.required", { field: t(`admin.users.field.${f}`) }) }));
    if (employee && form.nip.trim() && !/^\d{18}$/.test(form.nip.trim())) missing.push({ field: "user-nip", message: t("admin.users.nipFormat") });
    setErrors(missing);
    if (missing.length) return;
    try {
      const user = await create.mutateAsync({
        username: form.username.trim(),
        full_name: form.full_name.trim(),
        role: form.role,
        org,
        position: form.position || null,
        nip: form.nip.trim() || null,
        email: form.email.trim() || null,
        phone: form.phone.trim() || null,
        extra: null,
      });
      setDone(t("admin.users.created", { name: user.full_name, username: user.username }));
      setForm(EMPTY);
    } catch (e) {
      const field = errorField(e);
      const known = field && field in EMPTY ? field : field === "full_name" ? "full_name" : "username";
      setErrors([{ field: `user-${known}`, message: refusal(t, e) }]);
    }
  }

  const error = (f: string) => errors.find((e) => e.field === `user-${f}`)?.message;
  const text = (f: CreateField, type = "text", hint?: string) => (
    <Field key={f} id={`user-${f}`} label={t(`admin.users.field.${f}`)} hint={hint} error={error(f)}>
      {(describedBy, invalid) => (
        <input id={`user-${f}`} type={type} value={form[f]} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setForm({ ...form, [f]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <section aria-labelledby="new-user" data-testid="new-user">
      <h2 id="new-user">{t("admin.users.newUser")}</h2>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {done && <Notice kind="success">{done}</Notice>}
      <form onSubmit={onSubmit} noValidate className="page">
        {text("username", "text", t("admin.users.usernameHint"))}
        {text("full_name")}
        {text("email", "email", t("admin.users.emailHint"))}
        {text("phone", "tel")}
        <Field id="user-role" label={t("admin.users.field.role")}>
          {() => (
            <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`admin.users.role.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id="user-position" label={t("admin.users.field.position")} hint={t("admin.users.vacantHint", { n: vacant.length })} error={error("position")}>
          {(describedBy, invalid) => (
            <select id="user-position" value={form.position} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setForm({ ...form, position: e.target.value })}>
              <PositionOptions positions={vacant} none={employee ? t("admin.users.choosePosition") : t("admin.users.noPosition")} />
            </select>
          )}
        </Field>
        {employee && text("nip", "text", t("admin.users.nipHint"))}
        <button className="button" type="submit" disabled={create.isPending}>{t("admin.users.create")}</button>
      </form>
    </section>
  );
}
