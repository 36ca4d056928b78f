import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { usePreferences, useSavePreferences, type NotificationPreferences } from "../api";

const KINDS = ["approval", "disposition", "incoming", "letter"] as const;
const CHANNELS = ["email", "sms"] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

type Kind = (typeof KINDS)[number];
type ChannelName = (typeof CHANNELS)[number];

/** `/notifikasi/pengaturan`: e-mail and SMS per kind of notification, quiet hours (WITA) and the morning digest. */
export function Preferences() {
  const { t } = useI18n();
  return (
    <Page title={t("staffNotify.title")}>
      <RequireRole allowed={(user) => user.role === "admin" || user.role === "operator" || user.role === "employee"}>
        <PreferencesForm />
      </RequireRole>
    </Page>
  );
}

function PreferencesForm() {
  const { t } = useI18n();
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  useEffect(() => {
    if (prefs.data && !draft) setDraft(prefs.data);
  }, [prefs.data, draft]);
  if (prefs.isPending) return <Loading />;
  if (prefs.isError) return <QueryError error={prefs.error} />;
  if (!draft) return <Loading />;

  const toggle = (kind: Kind, channel: ChannelName, on: boolean) => {
    const chosen = new Set(draft.channels[kind]);
    if (on) chosen.add(channel);
    else chosen.delete(channel);
    setDraft({ ...draft, channels: { ...draft.channels, [kind]: CHANNELS.filter((c) => chosen.has(c)) } });
    save.reset();
  };
  const setQuiet = (end: "start" | "end", value: string) => {
    setDraft({ ...draft, quiet_hours: { ...draft.quiet_hours, [end]: value } });
    save.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };

  return (
    <form onSubmit={onSubmit} className="stack-form" data-testid="notification-preferences">
      <p>{t("staffNotify.intro")}</p>
      {save.isSuccess && <Notice kind="success">{t("staffNotify.saved")}</Notice>}
      {save.isError && <Notice kind="error">{t("staffNotify.failed", { message: save.error.message })}</Notice>}
      {KINDS.map((kind) => (
        <fieldset key={kind} className="field">
          <legend>{t(`staffNotify.kind.${kind}`)}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="checkbox">
              <input
                type="checkbox"
                name={`${kind}-${channel}`}
                checked={draft.channels[kind].includes(channel)}
                onChange={(e) => toggle(kind, channel, e.target.checked)}
              />{" "}
              {t(`staffNotify.channel.${channel}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset className="field">
        <legend>{t("staffNotify.quietHours")}</legend>
        <p className="hint" id="quiet-hint">{t("staffNotify.quietHint")}</p>
        {(["start", "end"] as const).map((end) => (
          <div key={end} className="field">
            <label htmlFor={`quiet-${end}`}>{t(`staffNotify.quiet.${end}`)}</label>
            <select id={`quiet-${end}`} aria-describedby="quiet-hint" value={draft.quiet_hours[end]} onChange={(e) => setQuiet(end, e.target.value)}>
              {HOURS.map((h) => (
                <option key={h} value={h}>{h} WITA</option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="digest" checked={draft.digest} onChange={(e) => { setDraft({ ...draft, digest: e.target.checked }); save.reset(); }} />{" "}
        {t("staffNotify.digest")}
      </label>
      <p className="hint">{t("staffNotify.contactHint")}</p>
      <div className="actions">
        <button className="button" type="submit" disabled={save.isPending}>{t("staffNotify.save")}</button>
        <Link to="/notifikasi">{t("staffNotify.back")}</Link>
      </div>
    </form>
  );
}
