/**
 * My unread counts per box (GET /me/unread: counters the API keeps on write, one read), for the badges of the
 * navigation and the box tabs. Opening a letter, an incoming letter or a disposition marks it read on the server;
 * the screens that open one call `useRefreshUnread()` afterwards so the badges go down without a reload.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
import { useSession, type Session } from "@/shared/auth/session";

export type Unread = Schemas["UnreadOut"];
export type UnreadBox = keyof Unread;
const KEY = "unread";

/** The roles whose boxes the API counts (staff of an org; the counts are kept per position and per org). */
export function countsUnread(current: Session | null): boolean {
  return !!current?.user.org && ["employee", "operator"].includes(current.user.role);
}

export function useUnread() {
  const current = useSession();
  return useQuery({
    queryKey: [KEY, current?.user.username, current?.actingFor],
    queryFn: () => unwrap(api.GET("/me/unread")),
    enabled: countsUnread(current),
    refetchInterval: 30_000,
  });
}

/** The number of unread items of `boxes` together (0 while the counts load or for those not counted). */
export function unreadIn(counts: Unread | undefined, ...boxes: UnreadBox[]): number {
  return counts ? boxes.reduce((sum, box) => sum + Math.max(0, counts[box] ?? 0), 0) : 0;
}

/** A function that asks for the counts again (after opening something that the server marks read). */
export function useRefreshUnread(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: [KEY] });
}
