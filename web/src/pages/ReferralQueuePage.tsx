import { ReferralListPage } from "./ReferralListPage.tsx";

/** The area's home for those who triage: the list of referrals awaiting triage. */
export function ReferralQueuePage() {
  return <ReferralListPage queue />;
}
