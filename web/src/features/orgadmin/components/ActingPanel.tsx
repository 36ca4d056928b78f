import { useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import { formatDate } from "@/shared/format/date";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { QueryError } from "@/shared/ui/QueryError";
import { useActing, useAppoint, type Position, type User } from "../api";
import { todayWita } from "../dates";

/** A position's acting appointments as dated periods, and the form to appoint a Plt / Plh. */
export function ActingPanel({ org, position, users }: { org: string; position: Position; users: User[] }) {
  const { t, lang } = useI18n();
  const acting = useActing(org, position.code);
  const appoint = useAppoint(org, position.code);
  const candidates = users.filter((u) => u.role === "employee" && u.username !== position.holder);
  const [username, setUsername] = useState(candidates[0]?.username ?? "");
  const [kind, setKind] = useState<"plh" | "plt">(position.holder ? "plh" : "plt");
  const [from, setFrom] = useState(todayWita());
  const [to, setTo] = useState(todayWita());
  const [decree, setDecree] = useState("");
  const [done, setDone] = useState<string>();
  const id = `acting-${position.code}`;
  const nameOf = (username: string) => users.find((u) => u.username === username)?.full_name ?? username;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    const made = await appoint.mutateAsync({ username, kind, from, to, decree: decree.trim() || null }).catch(() => null);
    if (made) setDone(t("admin.structure.appointed", { name: nameOf(username), kind: kind.toUpperCase(), from: formatDate(from, lang), to: formatDate(to, lang) }));
  }

  return (
    <section className="acting-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("admin.structure.acting", { title: position.title })}</h3>
      <h4>{t("admin.structure.schedule")}</h4>
      {acting.isPending ? <Loading /> : acting.isError ? <QueryError error={acting.error} /> : acting.data.items.length === 0 ? (
        <p>{t("admin.structure.noActing")}</p>
      ) : (
        <ol className="periods" data-testid={`${id}-schedule`}>
          {acting.data.items.map((a) => (
            <li key={a.id} className={`period period--${a.status}`}>
              {t("admin.structure.period", { kind: a.kind.toUpperCase(), name: nameOf(a.username), from: formatDate(a.from, lang), to: formatDate(a.to, lang) })}{" "}
              <strong>({t(`admin.structure.status.${a.status}` as MessageKey)})</strong>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={onSubmit} className="stack-form">
        <div className="field">
          <label htmlFor={`${id}-user`}>{t("admin.structure.appointee")}</label>
          <select id={`${id}-user`} value={username} onChange={(e) => setUsername(e.target.value)}>
            {candidates.map((u) => (
              <option key={u.username} value={u.username}>{u.full_name} ({u.username})</option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t("admin.structure.kind")}</legend>
          {(["plh", "plt"] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(`admin.structure.kindName.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="row row--2">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t("admin.structure.from")}</label>
            <input id={`${id}-from`} type="date" value={from} min={todayWita()} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t("admin.structure.to")}</label>
            <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-decree`}>{t("admin.structure.decree")}</label>
          <input id={`${id}-decree`} type="text" value={decree} onChange={(e) => setDecree(e.target.value)} />
        </div>
        {appoint.isError && <Notice kind="error">{appoint.error instanceof ApiError ? appoint.error.message : t("errors.generic")}</Notice>}
        {done && <Notice kind="success">{done}</Notice>}
        <button className="button" type="submit" disabled={appoint.isPending || !username}>{t("admin.structure.appoint")}</button>
      </form>
    </section>
  );
}
