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

export type DistributionList = Schemas["DistributionListOut"];
export type Member = Schemas["RecipientIn"];

export function useLists() {
  return useQuery({ queryKey: ["distribution-lists"], queryFn: () => unwrap(api.GET("/distribution-lists")) });
}

export function useCreateList() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["DistributionListIn"]) => unwrap(api.POST("/distribution-lists", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["distribution-lists"] }),
  });
}

export function usePutList() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["DistributionListPut"] }) =>
      unwrap(api.PUT("/distribution-lists/{list_id}", { params: { path: { list_id: id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["distribution-lists"] }),
  });
}

export function useDeleteList() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE("/distribution-lists/{list_id}", { params: { path: { list_id: id }, query: { version: String(version) } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["distribution-lists"] }),
  });
}
