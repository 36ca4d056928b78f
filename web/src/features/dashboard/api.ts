import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";

export type Dashboard = Schemas["DashboardOut"];
export type Period = Schemas["PeriodOut"];
export type Monev = Schemas["MonevOut"];
export type MonevLine = Schemas["MonevOrgOut"];

/** An org's dashboard for a month (YYYY-MM; this month when undefined); `org` only for those who read every org. */
export function useDashboard(org: string | undefined, period: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["dashboard", org, period],
    queryFn: () => unwrap(api.GET("/dashboard", { params: { query: { ...(org ? { org } : {}), ...(period ? { period } : {}) } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every org side by side for a month (YYYY-MM) or a year (YYYY). */
export function useMonev(period: string | undefined) {
  return useQuery({
    queryKey: ["monev", period],
    queryFn: () => unwrap(api.GET("/monev", { params: { query: period ? { period } : {} } })),
    placeholderData: keepPreviousData,
  });
}

/** The province's orgs (code → name), one page of at most 100. */
export function useOrgNames() {
  return useQuery({
    queryKey: ["orgs", "names"],
    queryFn: () => unwrap(api.GET("/orgs", { params: { query: { limit: 100 } } })),
    select: (page) => new Map(page.items.map((org) => [org.code, org.name] as const)),
    staleTime: 300_000,
  });
}
