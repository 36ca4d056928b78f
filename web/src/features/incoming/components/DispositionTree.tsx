import { useState } from "react";
import { Link } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Notice } from "@/shared/ui/Notice";
import { recall, useMyPosition, usePositionTitle, type Disposition } from "../api";
import { childrenOf, isOverdue } from "../sheet";

/** Who disposed the letter to whom, down the tree; overdue ones stand out; mine can be recalled while unread. */
export function DispositionTree({ items, incomingId }: { items: Disposition[]; incomingId: string }) {
  const { t } = useI18n();
  const tree = childrenOf(items);
  if (!items.length) return <p>{t("ops.incoming.noDispositions")}</p>;
  return <Branch tree={tree} parent={null} incomingId={incomingId} />;
}

function Branch({ tree, parent, incomingId }: { tree: Map<string | null, Disposition[]>; parent: string | null; incomingId: string }) {
  const { t, lang } = useI18n();
  const me = useSession()?.user.username;
  const mine = useMyPosition();
  const client = useQueryClient();
  const title = usePositionTitle();
  const [failed, setFailed] = useState<string>();
  const now = new Date();
  return (
    <ul className={parent ? "dtree dtree--nested" : "dtree"} data-testid={parent ? undefined : "disposition-tree"}>
      {(tree.get(parent) ?? []).map((d) => {
        const overdue = isOverdue(d, now);
        return (
          <li key={d.id} className={overdue ? "dtree__item dtree__item--overdue" : "dtree__item"} data-state={d.state}>
            <p>
              <strong>{t("ops.incoming.fromTo", { from: title(d.from_position), to: title(d.to_position) })}</strong>{" "}
              <span className={`tag tag--${d.state}`}>{t(`ops.dstate.${d.state}` as MessageKey)}</span>
              {overdue && <strong className="tag tag--overdue"> {t("ops.incoming.overdue")}</strong>}
            </p>
            <p className="meta">
              {d.instructions.map((i) => t(`ops.instruction.${i}` as MessageKey)).join(", ")}
              {d.note && ` — ${d.note}`} · {t("ops.incoming.deadline", { when: formatDateTime(d.deadline, lang) })}
            </p>
            {d.follow_up && (
              <p>
                {t("ops.done.followUp")}: {d.follow_up}
                {d.reply_letter_id && (
                  <>
                    {" "}
                    · <Link to={`/surat/${d.reply_letter_id}`}>{t("ops.done.openReply")}</Link>
                  </>
                )}
              </p>
            )}
            {d.to_position === mine && d.state !== "recalled" && <Link to={`/disposisi/${d.id}`}>{t("ops.sheet.title")}</Link>}
            {d.from_user === me && d.state === "assigned" && (
              <button
                type="button"
                className="button button--secondary button--small no-print"
                onClick={async () => {
                  try {
                    await recall(d.id);
                    await client.invalidateQueries({ queryKey: ["in-one", incomingId] });
                  } catch {
                    setFailed(d.id);
                  }
                }}
              >
                {t("ops.incoming.recall")}
              </button>
            )}
            {failed === d.id && <Notice kind="error">{t("errors.generic")}</Notice>}
            {tree.has(d.id) && <Branch tree={tree} parent={d.id} incomingId={incomingId} />}
          </li>
        );
      })}
    </ul>
  );
}
