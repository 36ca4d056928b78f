/** The demo province's users (infra/seed.py): the local stage's sign-in picker lists them. */
export const DEMO_USERS: { group: "public" | "kominfo" | "setda" | "biroumum" | "other"; username: string }[] = [
  { group: "public", username: "warga" },
  { group: "public", username: "usaha" },
  { group: "kominfo", username: "staf.kominfo" },
  { group: "kominfo", username: "kasi.layanan" },
  { group: "kominfo", username: "kabid.aptika" },
  { group: "kominfo", username: "kadis.kominfo" },
  { group: "kominfo", username: "sekretaris.kominfo" },
  { group: "kominfo", username: "operator.kominfo" },
  { group: "kominfo", username: "admin.kominfo" },
  { group: "setda", username: "sekda" },
  { group: "setda", username: "staf.otda" },
  { group: "biroumum", username: "karo.umum" },
  { group: "biroumum", username: "kabag.tu" },
  { group: "biroumum", username: "operator.biroumum" },
  { group: "other", username: "admin" },
  { group: "other", username: "inspektur" },
];
