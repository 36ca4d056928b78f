import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/shared/api/client";

/** The province's orgs (the public list, the same for everyone: cached long). */
export function useOrgs() {
  return useQuery({
    queryKey: ["public-orgs"],
    queryFn: () => unwrap(api.GET("/public/orgs", { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

/** The units of `org` (none asked while it is unknown). */
export function useUnits(org: string | null | undefined) {
  return useQuery({
    queryKey: ["units", org],
    queryFn: () => unwrap(api.GET("/orgs/{org}/units", { params: { path: { org: org! }, query: { limit: 100 } } })),
    enabled: !!org,
    staleTime: 5 * 60_000,
  });
}
