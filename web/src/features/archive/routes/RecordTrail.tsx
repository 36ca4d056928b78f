import { useParams } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { ChainTimeline } from "@/shared/ui/ChainTimeline";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { parseRecord, useRecordTimeline } from "../api";
import { ARCHIVE_ROLES } from "./Archive";

/** An archived record's timeline with its hash-chain check in plain words ("rantai utuh" or the first broken event). */
export function RecordTrail() {
  const { t } = useI18n();
  const { record = "" } = useParams();
  const parsed = parseRecord(record);
  return (
    <Page title={t("ops.chain.title")} wide>
      <RequireSignIn roles={ARCHIVE_ROLES}>{parsed ? <Trail kind={parsed.kind} id={parsed.id} /> : <Notice kind="error">{t("errors.notFound")}</Notice>}</RequireSignIn>
    </Page>
  );
}

function Trail({ kind, id }: { kind: "letter" | "incoming"; id: string }) {
  const timeline = useRecordTimeline(kind, id);
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return <QueryError error={timeline.error} />;
  return <ChainTimeline timeline={timeline.data} actions={kind === "letter" ? "letter" : "ops"} />;
}
