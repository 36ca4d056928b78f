import { useI18n, type MessageKey } from "@/shared/i18n";
import { Notice } from "./Notice";
import { Timeline } from "./Timeline";
import type { Schemas } from "@/shared/api/client";

export type RecordTrail = Pick<Schemas["RecordTimelineOut"], "chain" | "events">;

/** A record's audit events with the verdict of its hash chain in plain words. */
export function ChainTimeline({ timeline, actions = "ops" }: { timeline: RecordTrail; actions?: "letter" | "ops" }) {
  const { t } = useI18n();
  const { chain, events } = timeline;
  return (
    <>
      <div data-testid="chain-check" data-valid={chain.valid}>
        <Notice kind={chain.valid ? "success" : "error"}>
          {chain.valid
            ? t("ops.chain.intact", { n: chain.events })
            : t("ops.chain.broken", { seq: chain.first_broken_seq ?? "?", reason: chain.reason ?? "" })}
        </Notice>
      </div>
      <Timeline
        label={t("ops.chain.title")}
        items={events.map((e) => ({
          at: e.at,
          title: t(`${actions}.action.${e.action}` as MessageKey),
          detail: [t("ops.chain.by", { who: e.actor_position ? `${e.actor} (${e.actor_position})` : e.actor }), e.note].filter(Boolean).join(" — "),
        }))}
      />
    </>
  );
}
