import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";

export type Org = Schemas["OrgOut"];
export type OrgIn = Schemas["OrgIn"];
export type Classification = Schemas["ClassificationOut"];

export function useOrgs() {
  return useQuery({ queryKey: ["orgs"], queryFn: () => unwrap(api.GET("/orgs", { params: { query: { limit: 100 } } })) });
}

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrgIn) => unwrap(api.POST("/orgs", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["orgs"] }),
  });
}

export function useClassifications() {
  return useQuery({ queryKey: ["classifications"], queryFn: () => unwrap(api.GET("/classifications")) });
}
