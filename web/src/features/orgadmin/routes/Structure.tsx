import { useState } from "react";
import { useSession, type SessionUser } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { useStructure, type Position, type User } from "../api";
import { ActingPanel } from "../components/ActingPanel";
import { PositionEditor } from "../components/PositionEditor";
import { buildTree, type UnitNode } from "../tree";

/** An org's admin. */
const isOrgAdmin = (user: SessionUser) => user.role === "admin" && !!user.org;

export function Structure() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.structure.title")} wide>
      <RequireRole allowed={isOrgAdmin}>
        <p>{t("admin.structure.lead")}</p>
        <Tree />
      </RequireRole>
    </Page>
  );
}

function Tree() {
  const { t } = useI18n();
  const org = useSession()?.user.org ?? "";
  const { units, positions, users } = useStructure(org);
  if (units.isPending || positions.isPending || users.isPending) return <Loading />;
  const failed = units.error ?? positions.error ?? users.error;
  if (failed || !units.data || !positions.data || !users.data) return <QueryError error={failed} />;
  const all = positions.data.items;
  return (
    <ul className="tree" aria-label={t("admin.structure.treeLabel")} data-testid="org-tree">
      {buildTree(units.data.items, all).map((node) => (
        <UnitBranch key={node.unit.code} node={node} org={org} positions={all} users={users.data.items} />
      ))}
    </ul>
  );
}

function UnitBranch({ node, org, positions, users }: { node: UnitNode; org: string; positions: Position[]; users: User[] }) {
  return (
    <li>
      <div className="tree__node tree__node--unit">
        <span>{node.unit.name}</span> <span className="meta">{node.unit.code}</span>
      </div>
      {(node.positions.length > 0 || node.children.length > 0) && (
        <ul>
          {node.positions.map((p) => (
            <PositionLeaf key={p.code} org={org} position={p} positions={positions} users={users} />
          ))}
          {node.children.map((child) => (
            <UnitBranch key={child.unit.code} node={child} org={org} positions={positions} users={users} />
          ))}
        </ul>
      )}
    </li>
  );
}

function PositionLeaf({ org, position, positions, users }: { org: string; position: Position; positions: Position[]; users: User[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<"edit" | "acting" | null>(null);
  const superior = positions.find((p) => p.code === position.reports_to);
  return (
    <li data-testid={`position-${position.code}`}>
      <div className="tree__node">
        <strong>{position.title}</strong>
        <span className="meta">{position.code} · {position.level}</span>
        <span className="tree__holder">{position.holder_name ? t("admin.structure.holder", { name: position.holder_name }) : t("admin.structure.vacant")}</span>
        {superior && <span className="tree__holder">{t("admin.structure.reportsTo", { title: superior.title })}</span>}
        <span className="actions actions--tight">
          <button type="button" className="button button--small button--secondary" aria-expanded={open === "edit"} onClick={() => setOpen(open === "edit" ? null : "edit")}>
            {t("admin.structure.edit", { title: position.code })}
          </button>
          <button type="button" className="button button--small button--secondary" aria-expanded={open === "acting"} onClick={() => setOpen(open === "acting" ? null : "acting")}>
            {t("admin.structure.appoint")} <span className="visually-hidden">{position.code}</span>
          </button>
        </span>
      </div>
      {open === "edit" && <PositionEditor org={org} position={position} positions={positions} onDone={() => setOpen(null)} />}
      {open === "acting" && <ActingPanel org={org} position={position} users={users} />}
    </li>
  );
}
