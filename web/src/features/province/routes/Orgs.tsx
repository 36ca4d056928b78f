import { useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import type { SessionUser } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { useCreateOrg, useOrgs } from "../api";

/** The province-wide admin: an admin of no org. */
export const isProvinceAdmin = (user: SessionUser) => user.role === "admin" && !user.org;
const FIELDS = ["code", "name", "address", "city"] as const;
type Form = Record<(typeof FIELDS)[number], string>;

export function Orgs() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.province.orgsTitle")} wide>
      <RequireRole allowed={isProvinceAdmin}>
        <OrgList />
        <CreateOrg />
      </RequireRole>
    </Page>
  );
}

function OrgList() {
  const { t } = useI18n();
  const orgs = useOrgs();
  if (orgs.isPending) return <Loading />;
  if (orgs.isError) return <QueryError error={orgs.error} />;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("admin.province.orgsTitle")}>
      <table className="data-table" data-testid="orgs">
        <thead>
          <tr>
            <th scope="col">{t("admin.province.field.code")}</th>
            <th scope="col">{t("admin.province.field.name")}</th>
            <th scope="col">{t("admin.province.field.city")}</th>
          </tr>
        </thead>
        <tbody>
          {orgs.data.items.map((org) => (
            <tr key={org.code}>
              <td>{org.code}</td>
              <th scope="row">{org.name}</th>
              <td>{org.city}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateOrg() {
  const { t } = useI18n();
  const create = useCreateOrg();
  const [form, setForm] = useState<Form>({ code: "", name: "", address: "", city: "Denpasar" });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    const missing = FIELDS.filter((f) => !form[f].trim()).map((f) => ({ field: `org-${f}`, message: t("admin.province.required", { field: t(`admin.province.field.${f}`) }) }));
    setErrors(missing);
    if (missing.length) return;
    try {
      const org = await create.mutateAsync({ ...form, code: form.code.trim().toUpperCase(), number_format: "{classification}/{seq}/{org_code}/{year}", max_review_steps: 3, email: null, phone: null, website: null, coordinated_by: null });
      setDone(t("admin.province.created", { name: org.name }));
      setForm({ code: "", name: "", address: "", city: "Denpasar" });
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields() : [];
      const message = e instanceof ApiError && e.status === 409 ? t("admin.province.exists") : e instanceof ApiError ? e.message : t("errors.generic");
      setErrors([{ field: fields.length ? `org-${fields[0]}` : "org-code", message }]);
    }
  }

  const error = (f: string) => errors.find((e) => e.field === `org-${f}`)?.message;
  return (
    <section aria-labelledby="new-org">
      <h2 id="new-org">{t("admin.province.newOrg")}</h2>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {done && <Notice kind="success">{done}</Notice>}
      <form onSubmit={onSubmit} noValidate className="page">
        {FIELDS.map((f) => (
          <Field key={f} id={`org-${f}`} label={t(`admin.province.field.${f}`)} hint={f === "code" ? t("admin.province.codeHint") : undefined} error={error(f)}>
            {(describedBy, invalid) => (
              <input id={`org-${f}`} type="text" value={form[f]} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setForm({ ...form, [f]: e.target.value })} />
            )}
          </Field>
        ))}
        <button className="button" type="submit" disabled={create.isPending}>{t("admin.province.create")}</button>
      </form>
    </section>
  );
}
