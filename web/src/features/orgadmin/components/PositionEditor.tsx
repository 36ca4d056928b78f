import { useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { Notice } from "@/shared/ui/Notice";
import { useEditPosition, type Position } from "../api";
import { possibleSuperiors } from "../tree";

/** Retitle a position or choose its direct superior (one of a higher level). */
export function PositionEditor({ org, position, positions, onDone }: { org: string; position: Position; positions: Position[]; onDone: () => void }) {
  const { t } = useI18n();
  const edit = useEditPosition(org);
  const [title, setTitle] = useState(position.title);
  const [reportsTo, setReportsTo] = useState(position.reports_to ?? "");
  const id = `edit-${position.code}`;
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      title: title !== position.title ? title : null,
      reports_to: reportsTo && reportsTo !== position.reports_to ? reportsTo : null,
      unit: null,
    };
    if (!body.title && !body.reports_to) return onDone();
    const saved = await edit.mutateAsync({ code: position.code, body }).catch(() => null);
    if (saved) onDone();
  }
  return (
    <form onSubmit={onSubmit} className="stack-form">
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("admin.structure.positionTitle")}</label>
        <input id={`${id}-title`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-superior`}>{t("admin.structure.superior")}</label>
        <select id={`${id}-superior`} value={reportsTo} onChange={(e) => setReportsTo(e.target.value)}>
          {!position.reports_to && <option value="">{t("admin.structure.noSuperior")}</option>}
          {possibleSuperiors(position, positions).map((p) => (
            <option key={p.code} value={p.code}>{p.title} ({p.code})</option>
          ))}
        </select>
      </div>
      {edit.isError && <Notice kind="error">{edit.error instanceof ApiError ? edit.error.message : t("errors.generic")}</Notice>}
      <div className="actions">
        <button className="button" type="submit" disabled={edit.isPending}>{t("admin.structure.save")}</button>
        <button className="button button--secondary" type="button" onClick={onDone}>{t("admin.structure.cancel")}</button>
      </div>
    </form>
  );
}
