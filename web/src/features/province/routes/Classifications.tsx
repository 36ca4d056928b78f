import { useMemo, useState } from "react";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { useClassifications } from "../api";
import { isProvinceAdmin } from "./Orgs";

/** The classification codes and their retention (JRA), searchable by code or name. */
export function Classifications() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.province.jraTitle")} wide>
      <RequireRole allowed={isProvinceAdmin}>
        <Table />
      </RequireRole>
    </Page>
  );
}

function Table() {
  const { t } = useI18n();
  const table = useClassifications();
  const [q, setQ] = useState("");
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (table.data?.items ?? []).filter((c) => !needle || c.code.startsWith(needle) || c.name.toLowerCase().includes(needle));
  }, [table.data, q]);
  if (table.isPending) return <Loading />;
  if (table.isError) return <QueryError error={table.error} />;
  return (
    <>
      <div className="field page">
        <label htmlFor="jra-q">{t("admin.province.search")}</label>
        <input id="jra-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <p role="status">{t("admin.province.shown", { n: rows.length })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("admin.province.jraTitle")}>
        <table className="data-table" data-testid="classifications">
          <thead>
            <tr>
              {(["code", "name", "active", "inactive", "final"] as const).map((c) => (
                <th key={c} scope="col">{t(`admin.province.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.code} className={c.retired ? "retired" : undefined}>
                <td>{c.code}</td>
                <th scope="row">{c.name}{c.retired && ` (${t("admin.province.retired")})`}</th>
                <td>{c.active_years}</td>
                <td>{c.inactive_years}</td>
                <td>{t(`admin.province.finalName.${c.final}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
