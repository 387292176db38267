/** Words, tags and small pieces shared by the operation pages. */
import { CLEARANCES, type Me, type Operation, type OperationStatus } from "../api.ts";
import { Tag, type TagColour } from "./govuk.tsx";

export const OPERATION_STATUS_LABELS: Record<OperationStatus, string> = {
  proposed: "Proposed",
  active: "Active",
  suspended: "Suspended",
  closed: "Closed",
};
// Typed by the server's schema: a status added there fails to compile here.
export const OPERATION_STATUSES = Object.keys(OPERATION_STATUS_LABELS) as OperationStatus[];

const STATUS_COLOURS: Record<OperationStatus, TagColour> = {
  proposed: "purple",
  active: "blue",
  suspended: "yellow",
  closed: "grey",
};

export function OperationStatusTag({ status }: { status: OperationStatus }) {
  return <Tag colour={STATUS_COLOURS[status] ?? "grey"}>{OPERATION_STATUS_LABELS[status] ?? status}</Tag>;
}

/** The words for moving to a status, as a button says them. */
export const STATUS_ACTIONS: Record<OperationStatus, string> = {
  proposed: "Propose",
  active: "Activate",
  suspended: "Suspend",
  closed: "Close",
};

export function operationPath(id: string, rest = ""): string {
  return `/organised-crime/operations/${encodeURIComponent(id)}${rest}`;
}

/**
 * Whether the user may change this operation: the same rule the server applies (the host force
 * within their scope, up to their clearance), so that only the actions they may take are offered.
 */
export function mayManage(me: Me | null | undefined, operation: Operation): boolean {
  if (!me?.permissions.includes("operations.manage")) return false;
  if (CLEARANCES.indexOf(me.clearance) < CLEARANCES.indexOf(operation.classification)) return false;
  if (me.scope === "national") return true;
  if (me.scope === "region") return me.regionId === operation.regionId;
  return me.forceId === operation.hostForce.id;
}
