import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";

export type Unit = Schemas["UnitOut"];
export type Position = Schemas["PositionOut"];
export type User = Schemas["UserOut"];
export type Appointment = Schemas["AppointmentOut"];
export type ActingIn = Schemas["ActingIn"];

/** An org's units, positions and users (one page of each: an org has fewer than 100 of each). */
export function useStructure(org: string) {
  const units = useQuery({ queryKey: ["units", org], queryFn: () => unwrap(api.GET("/orgs/{org}/units", { params: { path: { org }, query: { limit: 100 } } })) });
  const positions = useQuery({ queryKey: ["positions", org], queryFn: () => unwrap(api.GET("/orgs/{org}/positions", { params: { path: { org }, query: { limit: 100 } } })) });
  const users = useQuery({ queryKey: ["users", org], queryFn: () => unwrap(api.GET("/users", { params: { query: { org, limit: 100 } } })) });
  return { units, positions, users };
}

export function useEditPosition(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: Schemas["PositionPatch"] }) =>
      unwrap(api.PATCH("/orgs/{org}/positions/{code}", { params: { path: { org, code } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["positions", org] }),
  });
}

export function useActing(org: string, code: string) {
  return useQuery({
    queryKey: ["acting", org, code],
    queryFn: () => unwrap(api.GET("/orgs/{org}/positions/{code}/acting", { params: { path: { org, code }, query: { limit: 100 } } })),
  });
}

export function useAppoint(org: string, code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ActingIn) => unwrap(api.POST("/orgs/{org}/positions/{code}/acting", { params: { path: { org, code } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["acting", org, code] }),
  });
}

export type UserIn = Schemas["UserIn"];
export type UserPatch = Schemas["UserPatchIn"];

/** After a user changes, the users list and the seats (a position's holder) are stale. */
function useInvalidatePeople(org: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ["users", org] }), client.invalidateQueries({ queryKey: ["positions", org] })]);
}

export function useCreateUser(org: string) {
  const invalidate = useInvalidatePeople(org);
  return useMutation({
    mutationFn: (body: UserIn) => unwrap(api.POST("/users", { body })),
    onSuccess: invalidate,
  });
}

export function useEditUser(org: string) {
  const invalidate = useInvalidatePeople(org);
  return useMutation({
    // Only the fields sent change: a partial body (the generated type lists every field as nullable).
    mutationFn: ({ username, body }: { username: string; body: Partial<UserPatch> }) =>
      unwrap(api.PATCH("/users/{username}", { params: { path: { username } }, body: body as UserPatch })),
    onSuccess: invalidate,
  });
}
