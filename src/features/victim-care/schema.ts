import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import {
  contactChannels,
  contactOutcomes,
  priorityBandValues,
  referralStatuses,
  victimAgeBands,
  victimTypes,
  vulnerabilities,
} from "#src/db/schema.ts";
import { adviceSlugPattern } from "#src/features/protect-advice/schema.ts";
import { optionalFilter, pageQuery } from "#src/lib/paging.ts";
import { contactTargetStates } from "./target.ts";

const idName = z.object({ id: z.string(), name: z.string() });

export const contactBody = z.strictObject({
  /** When the attempt was made; left out, it is now (a contact recorded as it happens). */
  attemptedAt: z.iso
    .datetime({ offset: true, error: "Enter when the contact was attempted as a date and time" })
    .optional(),
  channel: z.enum(contactChannels, "Choose how the victim was contacted"),
  outcome: z.enum(contactOutcomes, "Choose what happened"),
  notes: z
    .string()
    .trim()
    .max(4000, "Use 4,000 characters or fewer")
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .default(null),
  followUpOn: z.iso.date("Enter the follow-up date as a real date, like 2026-03-31").nullable().default(null),
  /** The advice given, by name: the version current at recording is the one kept. */
  adviceGiven: z
    .array(z.string().regex(adviceSlugPattern, "Choose advice from the library"))
    .max(30, "Give at most 30 pieces of advice")
    .default([]),
});
export type ContactInput = z.infer<typeof contactBody>;

export const contactView = z.object({
  id: z.uuid(),
  attemptedAt: z.string(),
  channel: z.enum(contactChannels),
  outcome: z.enum(contactOutcomes),
  notes: z.string().nullable(),
  followUpOn: z.string().nullable(),
  /** The advice given, each at the version the victim was given. */
  advice: z.array(z.object({ slug: z.string(), version: z.number().int(), title: z.string() })),
  recordedBy: idName,
  recordedAt: z.string(),
});
export type ContactView = z.infer<typeof contactView>;

/** A referral's victim care: its contact attempts, newest first, and where its target stands. */
export const victimCare = z.object({
  referralId: z.uuid(),
  contactDueAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  /** Null when the victim is not vulnerable, so no contact is due. */
  target: z.enum(contactTargetStates).nullable(),
  contacts: z.array(contactView),
  /** Whether the reader may record contact attempts. */
  canRecord: z.boolean(),
});
export type VictimCareView = z.infer<typeof victimCare>;

export const waitingQuery = z.strictObject({
  /** "overdue" lists only victims past their due moment; "waiting" everyone not yet contacted. */
  show: z.enum(["waiting", "overdue"]).default("waiting"),
  forceId: optionalFilter(z.string().max(100)),
  ...pageQuery,
});
export type WaitingQuery = z.infer<typeof waitingQuery>;

export const waitingVictim = z.object({
  referralId: z.uuid(),
  crimeReference: z.string(),
  force: idName,
  reportedOn: z.string(),
  victimType: z.enum(victimTypes),
  victimAgeBand: z.enum(victimAgeBands),
  vulnerability: z.enum(vulnerabilities),
  priorityBand: z.enum(priorityBandValues),
  status: z.enum(referralStatuses),
  contactDueAt: z.string(),
  overdue: z.boolean(),
  hoursOverdue: z.number().int().nullable(),
  hoursRemaining: z.number().int().nullable(),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  classification: z.enum(classifications),
});

export const followUpDue = z.object({
  contactId: z.uuid(),
  referralId: z.uuid(),
  crimeReference: z.string(),
  force: idName,
  followUpOn: z.string(),
  attemptedAt: z.string(),
  channel: z.enum(contactChannels),
  outcome: z.enum(contactOutcomes),
});

/** Follow-ups are listed up to this many, oldest first; the total says how many more there are. */
export const followUpLimit = 50;

export const waitingList = z.object({
  items: z.array(waitingVictim),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  followUps: z.object({ items: z.array(followUpDue), total: z.number().int() }),
});
export type WaitingListView = z.infer<typeof waitingList>;
