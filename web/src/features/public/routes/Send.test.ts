import { describe, expect, it } from "vitest";
import { toSubmission } from "./Send";

const form = {
  sender_type: "citizen" as const, kind: "letter" as const, name: " Ni Luh Putu Sari ", email: "sari@example.com", phone: "",
  company_name: "PT X", nib: "9120301234567", org: "DISKOMINFOS", subject: "Perihal", body: "Isi", category: "hibah",
  requested_amount: "15.000.000", event_date: "2027-02-14", consent: true,
};

describe("the body sent to POST /public/submissions", () => {
  it("leaves out what does not apply to a letter from a citizen", () => {
    const body = toSubmission(form) as Record<string, unknown>;
    expect(body.name).toBe("Ni Luh Putu Sari");
    expect(body.phone).toBeNull();
    for (const field of ["company_name", "nib", "category", "requested_amount", "event_date"]) expect(body).not.toHaveProperty(field);
  });

  it("sends a proposal's amount as a number of rupiah and a business's id", () => {
    const body = toSubmission({ ...form, kind: "proposal", sender_type: "business" }) as Record<string, unknown>;
    expect(body).toMatchObject({ category: "hibah", requested_amount: 15000000, event_date: "2027-02-14", company_name: "PT X", nib: "9120301234567" });
  });
});
