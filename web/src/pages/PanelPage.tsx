import { type RefObject, useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { type AgendaItem, ApiError, api, type Decision, type Me, messageOf, type Panel } from "../api.ts";
import {
  ClaimStatusTag,
  decisionWords,
  disruptionListPath,
  disruptionPath,
  GradeTag,
  PanelStatusTag,
  panelPath,
} from "../components/disruption.tsx";
import {
  Breadcrumbs,
  ConfirmPanel,
  ErrorSummary,
  LoadError,
  Loading,
  SuccessBanner,
  SummaryList,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { OcgHistory } from "../components/OcgHistory.tsx";
import { STRAND_LABELS } from "../components/ocg.tsx";
import { operationPath } from "../components/operation.tsx";
import {
  DecisionButtons,
  DecisionForm,
  type FormDecision,
  KeyHint,
  SHORTCUTS,
} from "../components/PanelDecision.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, formatDateTime, plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/panels", text: "Moderation panels" },
];

type Command = "next" | "previous" | "accepted" | FormDecision | "keys" | "cancel";

/** Single keys, without modifiers, so they never take a browser's or a screen reader's own keys. */
const KEY_COMMANDS: Record<string, Command> = {
  j: "next",
  n: "next",
  k: "previous",
  p: "previous",
  a: "accepted",
  r: "regraded",
  x: "rejected",
  t: "returned",
  "?": "keys",
};

/** Keys typed into a field are words, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The next claim the panel has not decided, after the given place and round to the start. */
function nextUndecided(agenda: readonly AgendaItem[], after: number): AgendaItem | undefined {
  const count = agenda.length;
  for (let step = 1; step <= count; step += 1) {
    const item = agenda[(after + step) % count];
    if (item && item.decision === null && item.canDecide) return item;
  }
  return undefined;
}

/** Why the panel screen offers no decision on a claim, in words. */
function whyNotDecidable(
  panel: Panel,
  item: AgendaItem,
  me: Me | null | undefined,
  moderator: boolean,
): string {
  if (panel.status === "closed") return "The panel is closed: its decisions are locked.";
  if (!moderator) return "Only moderators decide claims.";
  if (item.claimingOrganisation.id === me?.organisation.id) {
    return `Your own unit, ${item.claimingOrganisation.name}, made this claim: another moderator decides it.`;
  }
  if (item.panelId !== panel.id) return "It has been resubmitted since, and a later panel will hear it.";
  return "This claim is outside the area you moderate.";
}

/**
 * The moderation panel screen, made for the meeting: the agenda in order on one side, the claim
 * being heard in the middle, the group's history beside it, and every decision a key away.
 */
export function PanelPage() {
  const { id = "" } = useParams();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const panel = useAsync(() => api.panel(id), [id]);
  const [message, setMessage] = useState<string | null>(useArrivalMessage());
  const [announcement, setAnnouncement] = useState("");
  const [opened, setOpened] = useState<FormDecision | null>(null);
  const [closing, setClosing] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [keysOn, setKeysOn] = useState(shortcutsWanted);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // Focus follows the claim being heard: bumped whenever the screen moves to another claim.
  const [focusRequest, setFocusRequest] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const record = panel.data;
  const agenda = record?.agenda ?? [];
  const requested = params.get("claim");
  const current =
    agenda.find((item) => item.reference === requested) ?? nextUndecided(agenda, -1) ?? agenda[0];
  const index = current ? agenda.indexOf(current) : -1;
  const moderator = can("disruptions.moderate");

  useTitle(record ? `${record.periodLabel} moderation panel` : "Moderation panel", "Organised crime");
  useClassification(highestMarking(agenda.map((item) => item.classification)));

  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);

  function show(item: AgendaItem | undefined) {
    if (!item) return;
    setOpened(null);
    setFailure(null);
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set("claim", item.reference);
        return next;
      },
      { replace: true },
    );
    setFocusRequest((value) => value + 1);
  }

  async function decide(item: AgendaItem, body: Decision) {
    const decided = await api.decideDisruption(item.id, body);
    const fresh = await api.panel(id);
    panel.setData(fresh);
    setGeneration((value) => value + 1);
    setOpened(null);
    setFailure(null);
    const said = `${decided.reference} ${decisionWords({ decision: body.decision, grade: decided.moderatedGrade }).toLowerCase()}.`;
    const place = fresh.agenda.findIndex((entry) => entry.id === item.id);
    const following = nextUndecided(fresh.agenda, place);
    if (following) {
      const position = fresh.agenda.indexOf(following) + 1;
      setAnnouncement(
        `${said} Now showing ${following.reference}, claim ${position} of ${fresh.agenda.length}.`,
      );
      show(following);
    } else {
      setAnnouncement(
        `${said} Every claim you can decide is decided: close the panel when the meeting agrees.`,
      );
      setFocusRequest((value) => value + 1);
    }
  }

  async function accept(item: AgendaItem) {
    setBusy(true);
    try {
      await decide(item, { decision: "accepted" });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  function command(what: Command) {
    if (!record) return;
    if (what === "keys") {
      setShowKeys((shown) => !shown);
      return;
    }
    if (what === "cancel") {
      setOpened(null);
      setFocusRequest((value) => value + 1);
      return;
    }
    if (what === "next" || what === "previous") {
      const target = agenda[index + (what === "next" ? 1 : -1)];
      if (target) show(target);
      else
        setAnnouncement(
          what === "next" ? "This is the last claim on the agenda." : "This is the first claim.",
        );
      return;
    }
    if (!current) return;
    if (!current.canDecide) {
      setAnnouncement(`${current.reference}: ${whyNotDecidable(record, current, me, moderator)}`);
      return;
    }
    if (what === "accepted") void accept(current);
    else setOpened(what);
  }

  // One listener for the page's keys; it always calls the latest command.
  const commandRef = useRef(command);
  commandRef.current = command;
  const keysOnRef = useRef(keysOn);
  keysOnRef.current = keysOn;
  const openedRef = useRef(opened);
  openedRef.current = opened;
  const blockedRef = useRef(false);
  blockedRef.current = opened !== null || closing || busy;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!keysOnRef.current) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key === "Escape") {
        // The decision form cancels its own Escape; this one came from outside it.
        setShowKeys(false);
        if (openedRef.current) commandRef.current("cancel");
        return;
      }
      const what = KEY_COMMANDS[key];
      // While a decision or the closing is being confirmed, only the list of keys may open.
      if (!what || (blockedRef.current && what !== "keys")) return;
      event.preventDefault();
      commandRef.current(what);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  if (panel.error instanceof ApiError && panel.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <PursueNav />
        <Breadcrumbs items={CRUMBS} />
        {panel.error ? (
          <LoadError error={panel.error} retry={panel.reload} />
        ) : (
          <Loading what="Loading the panel" />
        )}
      </>
    );
  }

  async function refresh(before: Panel) {
    setBusy(true);
    setFailure(null);
    try {
      const fresh = await api.refreshAgenda(before.id);
      panel.setData(fresh);
      const added = fresh.agenda.length - before.agenda.length;
      setAnnouncement(
        added > 0 ? `${plural(added, "claim")} added to the agenda.` : "No new claims have been submitted.",
      );
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function close(open: Panel) {
    setBusy(true);
    setFailure(null);
    try {
      const closed = await api.closePanel(open.id);
      panel.setData(closed);
      setClosing(false);
      setMessage(`The ${closed.periodLabel} panel is closed. Its decisions are locked.`);
    } catch (error) {
      setFailure(messageOf(error));
      setClosing(false);
    } finally {
      setBusy(false);
    }
  }

  const { counts } = record;
  const actions = record.allowedActions;

  return (
    <div className="rocu-panel-page">
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}

      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Moderation panel, {record.region.name}</span>
          <h1 className="govuk-heading-l rocu-title-with-tag">
            {record.periodLabel} <PanelStatusTag status={record.status} />
          </h1>
        </div>
        <div className="rocu-panel-side">
          <p className="rocu-progress" data-testid="panel-progress">
            <strong>
              {counts.decided} of {counts.onAgenda}
            </strong>{" "}
            decided
            <progress
              className="rocu-progress__bar"
              value={counts.decided}
              max={Math.max(1, counts.onAgenda)}
              aria-hidden="true"
            />
          </p>
          {!closing && actions.length > 0 ? (
            <div className="govuk-button-group rocu-panel-actions">
              {actions.includes("refreshAgenda") ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary rocu-button--small"
                  onClick={() => refresh(record)}
                  disabled={busy}
                >
                  Refresh agenda
                </button>
              ) : null}
              {actions.includes("edit") ? (
                <Link
                  className="govuk-button govuk-button--secondary rocu-button--small"
                  to={panelPath(record.id, "/edit")}
                >
                  Change details<span className="govuk-visually-hidden"> of the panel</span>
                </Link>
              ) : null}
              {actions.includes("close") ? (
                <button
                  type="button"
                  id="close-panel"
                  className="govuk-button govuk-button--warning rocu-button--small"
                  onClick={() => setClosing(true)}
                >
                  Close panel
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>

      <dl className="rocu-facts" data-testid="panel-facts">
        <div>
          <dt>Held on</dt>
          <dd>{formatDate(record.heldOn)}</dd>
        </div>
        <div>
          <dt>Chair</dt>
          <dd>{record.chair.name}</dd>
        </div>
        <div>
          <dt>Attendees</dt>
          <dd>{record.attendees.length > 0 ? record.attendees.join(", ") : "None recorded"}</dd>
        </div>
        <div>
          <dt>Claims</dt>
          <dd>
            {plural(counts.onAgenda, "claim")} on the agenda, {counts.undecided} undecided
            {counts.notShown > 0
              ? `; ${counts.notShown} above your clearance or scope, counted but not shown`
              : ""}
          </dd>
        </div>
      </dl>

      {record.status === "closed" ? (
        <div className="rocu-locked" data-testid="panel-locked">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Closed — locked</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Closed {formatDateTime(record.closedAt)}
            {record.closedBy ? ` by ${record.closedBy.name}` : ""}. Its decisions can no longer change.
          </p>
        </div>
      ) : null}

      {failure ? <ErrorSummary errors={[]} description={failure} /> : null}
      {closing ? (
        <ConfirmPanel
          heading={`Close the ${record.periodLabel} panel for ${record.region.name}?`}
          confirmText="Yes, close and lock the panel"
          busy={busy}
          onConfirm={() => close(record)}
          onCancel={() => {
            setClosing(false);
            // Back to the button that asked, once it is shown again.
            requestAnimationFrame(() => document.getElementById("close-panel")?.focus());
          }}
        >
          <p className="govuk-body">
            A closed panel is locked: none of its decisions can change, and returned claims go to a later
            panel.
          </p>
        </ConfirmPanel>
      ) : null}

      <Shortcuts
        shown={showKeys}
        on={keysOn}
        onToggle={() => setShowKeys((shown) => !shown)}
        onSwitch={() => {
          rememberShortcuts(!keysOn);
          setKeysOn(!keysOn);
        }}
      />

      <div className="rocu-panel-screen">
        <section className="rocu-agenda" aria-labelledby="agenda-heading">
          <h2 className="govuk-heading-m" id="agenda-heading">
            Agenda
          </h2>
          {agenda.length === 0 ? (
            <p className="govuk-body">
              No claims you can see are on the agenda.
              {actions.includes("refreshAgenda")
                ? " Claims submitted for this month or earlier join it when you refresh the agenda."
                : ""}
            </p>
          ) : (
            <ol className="rocu-agenda__list" data-testid="agenda">
              {agenda.map((item, position) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="rocu-agenda__item"
                    aria-current={item.id === current?.id ? "true" : undefined}
                    onClick={() => show(item)}
                    data-testid="agenda-item"
                  >
                    <span className="rocu-agenda__reference">
                      <span className="govuk-visually-hidden">Claim {position + 1}: </span>
                      {item.reference}
                    </span>
                    <span className="rocu-agenda__detail">
                      Claimed {item.claimedGrade}
                      {", "}
                      {item.decision ? decisionWords(item.decision).toLowerCase() : "undecided"}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          <p className="govuk-body-s">
            <Link className="govuk-link" to={disruptionListPath({ panelId: record.id })}>
              The agenda as a list
            </Link>
          </p>
        </section>

        <section className="rocu-claim" aria-labelledby="claim-heading">
          <p className="rocu-announce" role="status" data-testid="panel-announcement">
            {announcement}
          </p>
          {current ? (
            <CurrentClaim
              item={current}
              position={index + 1}
              total={agenda.length}
              headingRef={headingRef}
              decidable={current.canDecide}
              whyNot={whyNotDecidable(record, current, me, moderator)}
              opened={opened}
              busy={busy}
              keys={keysOn}
              onAccept={() => accept(current)}
              onOpen={setOpened}
              onCancel={() => command("cancel")}
              onDecide={(body) => decide(current, body)}
              onPrevious={index > 0 ? () => show(agenda[index - 1]) : undefined}
              onNext={index < agenda.length - 1 ? () => show(agenda[index + 1]) : undefined}
            />
          ) : (
            <h2 className="govuk-heading-m" id="claim-heading">
              Nothing to hear yet
            </h2>
          )}
        </section>

        {current ? <OcgHistory ocgId={current.ocg.id} claimId={current.id} generation={generation} /> : null}
      </div>
    </div>
  );
}

const SHORTCUTS_SETTING = "rocu.panel-shortcuts";

/** Single-key shortcuts can be turned off (WCAG 2.1.4), e.g. by speech input users; the choice is remembered. */
function shortcutsWanted(): boolean {
  try {
    return window.localStorage.getItem(SHORTCUTS_SETTING) !== "off";
  } catch {
    return true;
  }
}

function rememberShortcuts(on: boolean): void {
  try {
    window.localStorage.setItem(SHORTCUTS_SETTING, on ? "on" : "off");
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

function Shortcuts({
  shown,
  on,
  onToggle,
  onSwitch,
}: {
  shown: boolean;
  on: boolean;
  onToggle: () => void;
  onSwitch: () => void;
}) {
  return (
    <div className="rocu-shortcuts" data-testid="shortcuts">
      <p className="govuk-body-s rocu-shortcuts__line">
        {on ? (
          <>
            <span className="govuk-!-font-weight-bold">Keys:</span> <kbd className="rocu-kbd">j</kbd> next,{" "}
            <kbd className="rocu-kbd">k</kbd> previous, <kbd className="rocu-kbd">a</kbd> accept,{" "}
            <kbd className="rocu-kbd">r</kbd> regrade, <kbd className="rocu-kbd">x</kbd> reject,{" "}
            <kbd className="rocu-kbd">t</kbd> return, <kbd className="rocu-kbd">?</kbd> all keys.{" "}
            <button
              type="button"
              className="rocu-link-button"
              aria-expanded={shown}
              aria-controls="shortcut-list"
              onClick={onToggle}
            >
              {shown ? "Hide keyboard shortcuts" : "Show keyboard shortcuts"}
            </button>{" "}
          </>
        ) : (
          <span className="govuk-!-font-weight-bold">Keyboard shortcuts are off. </span>
        )}
        <button type="button" className="rocu-link-button" onClick={onSwitch}>
          {on ? "Turn shortcuts off" : "Turn shortcuts on"}
        </button>
      </p>
      <div id="shortcut-list" hidden={!shown || !on}>
        <table className="govuk-table rocu-table--dense">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Keyboard shortcuts (not while typing in a field)
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Key
              </th>
              <th scope="col" className="govuk-table__header">
                What it does
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {SHORTCUTS.map((shortcut) => (
              <tr className="govuk-table__row" key={shortcut.does}>
                <td className="govuk-table__cell rocu-nowrap">
                  {shortcut.keys.map((key, position) => (
                    <span key={key}>
                      {position > 0 ? " or " : ""}
                      <kbd className="rocu-kbd">{key}</kbd>
                    </span>
                  ))}
                </td>
                <td className="govuk-table__cell">{shortcut.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function CurrentClaim({
  item,
  position,
  total,
  headingRef,
  decidable,
  whyNot,
  opened,
  busy,
  keys,
  onAccept,
  onOpen,
  onCancel,
  onDecide,
  onPrevious,
  onNext,
}: {
  item: AgendaItem;
  position: number;
  total: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
  decidable: boolean;
  whyNot: string;
  opened: FormDecision | null;
  busy: boolean;
  keys: boolean;
  onAccept: () => void;
  onOpen: (decision: FormDecision) => void;
  onCancel: () => void;
  onDecide: (body: Decision) => Promise<void>;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}) {
  return (
    <div data-testid="current-claim">
      <span className="govuk-caption-m">
        Claim {position} of {total}
      </span>
      <h2 className="govuk-heading-l rocu-claim__heading" id="claim-heading" ref={headingRef} tabIndex={-1}>
        {item.reference} <ClaimStatusTag status={item.status} />
      </h2>

      <div className="rocu-claim__decision" data-testid="claim-decision">
        {item.decision ? (
          <p className="govuk-body govuk-!-margin-bottom-2">
            <span className="govuk-!-font-weight-bold">Panel decision: {decisionWords(item.decision)}</span>
            {item.decision.reason ? (
              <span className="rocu-block rocu-pre-line">{item.decision.reason}</span>
            ) : null}
            <span className="rocu-block govuk-body-s rocu-muted">
              {item.decision.decidedBy.name}, {formatDateTime(item.decision.decidedAt)}
            </span>
          </p>
        ) : (
          <p className="govuk-body govuk-!-margin-bottom-2">Not decided yet.</p>
        )}
        {!decidable ? (
          <p className="govuk-body rocu-why-not" data-testid="cannot-decide">
            {whyNot}
          </p>
        ) : opened ? (
          <DecisionForm
            key={`${item.id}-${opened}`}
            item={item}
            decision={opened}
            onCancel={onCancel}
            onSubmit={onDecide}
          />
        ) : (
          <>
            {item.decision ? (
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                Change the decision while the panel is open:
              </p>
            ) : null}
            <DecisionButtons item={item} busy={busy} keys={keys} onAccept={onAccept} onOpen={onOpen} />
          </>
        )}
      </div>

      <SummaryList
        rows={[
          {
            key: "OCG",
            value: (
              <>
                <Link className="govuk-link" to={ocgPath(item.ocg.id)}>
                  {item.ocg.reference}
                </Link>{" "}
                {item.ocg.name}
              </>
            ),
          },
          { key: "Claimed grade", value: <GradeTag grade={item.claimedGrade} /> },
          { key: "4P strand", value: STRAND_LABELS[item.strand] },
          { key: "Crime type", value: item.crimeType.name },
          { key: "Claimed by", value: item.claimingOrganisation.name },
          { key: "Date of the disruption", value: formatDate(item.disruptedOn) },
          {
            key: "Operation",
            value: item.operation ? (
              <Link className="govuk-link" to={operationPath(item.operation.id)}>
                Operation {item.operation.codeName}
              </Link>
            ) : (
              "None"
            ),
          },
          { key: "Classification", value: item.classification },
        ]}
      />
      <h3 className="govuk-heading-s">What happened</h3>
      <p className="govuk-body-l rocu-pre-line rocu-claim__narrative" data-testid="claim-narrative">
        {item.narrative}
      </p>
      <h3 className="govuk-heading-s">Evidence references</h3>
      {item.evidenceReferences.length === 0 ? (
        <p className="govuk-body">None given.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {item.evidenceReferences.map((reference) => (
            <li key={reference} className="rocu-break">
              {reference}
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body-s">
        <Link className="govuk-link" to={disruptionPath(item.id)}>
          Open {item.reference} on its own page
        </Link>
      </p>
      <div className="govuk-button-group rocu-claim__moves">
        {onPrevious ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={onPrevious}
            aria-keyshortcuts={keys ? "k" : undefined}
          >
            Previous claim {keys ? <KeyHint>k</KeyHint> : null}
          </button>
        ) : null}
        {onNext ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={onNext}
            aria-keyshortcuts={keys ? "j" : undefined}
          >
            Next claim {keys ? <KeyHint>j</KeyHint> : null}
          </button>
        ) : null}
      </div>
    </div>
  );
}
