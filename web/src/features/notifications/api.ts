import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
import { useSession } from "@/shared/auth/session";

const POLL_MS = 15_000;
const SEEN_KEY = "kv.notifications.seen";

/** The newest notifications, polled so new work shows without a reload. */
export function useNotifications() {
  const current = useSession();
  return useQuery({
    queryKey: ["notifications", current?.user.username, current?.actingFor],
    queryFn: () => unwrap(api.GET("/notifications", { params: { query: { limit: 50 } } })),
    enabled: !!current,
    refetchInterval: POLL_MS,
  });
}

/** When the list was last opened (sessionStorage: per tab, like the token). */
export const seen = {
  get: (): string => globalThis.sessionStorage?.getItem(SEEN_KEY) ?? "",
  set: (at: string): void => globalThis.sessionStorage?.setItem(SEEN_KEY, at),
};

export type NotificationPreferences = Schemas["NotificationPreferencesOut"];
export type NotificationPreferencesIn = Schemas["NotificationPreferencesIn"];

/** How my notifications reach me by e-mail and SMS (staff). */
export function usePreferences() {
  const current = useSession();
  return useQuery({
    queryKey: ["notification-preferences", current?.user.username],
    queryFn: () => unwrap(api.GET("/me/notification-preferences")),
    enabled: !!current,
  });
}

export function useSavePreferences() {
  const client = useQueryClient();
  const current = useSession();
  return useMutation({
    mutationFn: (body: NotificationPreferencesIn) => unwrap(api.PUT("/me/notification-preferences", { body })),
    onSuccess: (saved) => client.setQueryData(["notification-preferences", current?.user.username], saved),
  });
}
