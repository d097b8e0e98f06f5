// Generated from the #[tauri::command] functions in src-tauri/src/commands by
// `UPDATE_BINDINGS=1 cargo test -p chuyende-app --test commands`: do not edit.
// A new command is written once, in Rust; see src-tauri/command_manifest.rs.
import { call } from "./ipc";
import type { Account } from "./bindings/Account";
import type { AccountDraft } from "./bindings/AccountDraft";
import type { AccountId } from "./bindings/AccountId";
import type { AnswerDraft } from "./bindings/AnswerDraft";
import type { AppStatus } from "./bindings/AppStatus";
import type { ApprovalBoard } from "./bindings/ApprovalBoard";
import type { AttendanceTotals } from "./bindings/AttendanceTotals";
import type { AuditEvent } from "./bindings/AuditEvent";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { BackupList } from "./bindings/BackupList";
import type { CellReport } from "./bindings/CellReport";
import type { Choice } from "./bindings/Choice";
import type { Comment } from "./bindings/Comment";
import type { CommentCorrection } from "./bindings/CommentCorrection";
import type { CommentDraft } from "./bindings/CommentDraft";
import type { CommentId } from "./bindings/CommentId";
import type { CommitteeDecision } from "./bindings/CommitteeDecision";
import type { CommitteeTerm } from "./bindings/CommitteeTerm";
import type { Comparison } from "./bindings/Comparison";
import type { Compliance } from "./bindings/Compliance";
import type { ConclusionVote } from "./bindings/ConclusionVote";
import type { Conflict } from "./bindings/Conflict";
import type { DecidedPage } from "./bindings/DecidedPage";
import type { DecisionForm } from "./bindings/DecisionForm";
import type { Departure } from "./bindings/Departure";
import type { DocumentFormat } from "./bindings/DocumentFormat";
import type { DocumentParagraph } from "./bindings/DocumentParagraph";
import type { ExchangeActions } from "./bindings/ExchangeActions";
import type { ExportScope } from "./bindings/ExportScope";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { FoundMembers } from "./bindings/FoundMembers";
import type { Guest } from "./bindings/Guest";
import type { GuestDraft } from "./bindings/GuestDraft";
import type { GuestId } from "./bindings/GuestId";
import type { GuestRemarkDraft } from "./bindings/GuestRemarkDraft";
import type { GuidanceReceived } from "./bindings/GuidanceReceived";
import type { KnownKey } from "./bindings/KnownKey";
import type { Member } from "./bindings/Member";
import type { MemberDraft } from "./bindings/MemberDraft";
import type { MemberId } from "./bindings/MemberId";
import type { MemberPeriodDraft } from "./bindings/MemberPeriodDraft";
import type { MemberPeriodId } from "./bindings/MemberPeriodId";
import type { Minutes } from "./bindings/Minutes";
import type { Organisation } from "./bindings/Organisation";
import type { OrganisationDraft } from "./bindings/OrganisationDraft";
import type { OrganisationId } from "./bindings/OrganisationId";
import type { OrganisationSettings } from "./bindings/OrganisationSettings";
import type { OutlineText } from "./bindings/OutlineText";
import type { OutlineVersion } from "./bindings/OutlineVersion";
import type { OutlineVersionId } from "./bindings/OutlineVersionId";
import type { Overdue } from "./bindings/Overdue";
import type { OwnKey } from "./bindings/OwnKey";
import type { Place } from "./bindings/Place";
import type { PlacedComment } from "./bindings/PlacedComment";
import type { Plan } from "./bindings/Plan";
import type { PlanBoard } from "./bindings/PlanBoard";
import type { PlanId } from "./bindings/PlanId";
import type { PlanReport } from "./bindings/PlanReport";
import type { Presence } from "./bindings/Presence";
import type { Quarter } from "./bindings/Quarter";
import type { ReceivePlan } from "./bindings/ReceivePlan";
import type { Reminders } from "./bindings/Reminders";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { RestoreOutcome } from "./bindings/RestoreOutcome";
import type { RevisionStatus } from "./bindings/RevisionStatus";
import type { SearchFilter } from "./bindings/SearchFilter";
import type { SearchHit } from "./bindings/SearchHit";
import type { Session } from "./bindings/Session";
import type { SessionDraft } from "./bindings/SessionDraft";
import type { SessionId } from "./bindings/SessionId";
import type { SessionPage } from "./bindings/SessionPage";
import type { SetupDone } from "./bindings/SetupDone";
import type { SetupDraft } from "./bindings/SetupDraft";
import type { SheetChoice } from "./bindings/SheetChoice";
import type { SheetImport } from "./bindings/SheetImport";
import type { SheetPreview } from "./bindings/SheetPreview";
import type { SignInState } from "./bindings/SignInState";
import type { SignedIn } from "./bindings/SignedIn";
import type { SubmissionId } from "./bindings/SubmissionId";
import type { TermDraft } from "./bindings/TermDraft";
import type { TermId } from "./bindings/TermId";
import type { TimelineEntry } from "./bindings/TimelineEntry";
import type { Topic } from "./bindings/Topic";
import type { TopicDraft } from "./bindings/TopicDraft";
import type { TopicGroup } from "./bindings/TopicGroup";
import type { TopicId } from "./bindings/TopicId";
import type { TrailReport } from "./bindings/TrailReport";
import type { Upcoming } from "./bindings/Upcoming";
import type { YearFigures } from "./bindings/YearFigures";

export { asError, type ErrorPayload } from "./ipc";
export type { Account, AccountDraft, AccountId, AnswerDraft, AppStatus, ApprovalBoard, AttendanceTotals, AuditEvent, BackupInfo, BackupList, CellReport, Choice, Comment, CommentCorrection, CommentDraft, CommentId, CommitteeDecision, CommitteeTerm, Comparison, Compliance, ConclusionVote, Conflict, DecidedPage, DecisionForm, Departure, DocumentFormat, DocumentParagraph, ExchangeActions, ExportScope, ExportSummary, FoundMembers, Guest, GuestDraft, GuestId, GuestRemarkDraft, GuidanceReceived, KnownKey, Member, MemberDraft, MemberId, MemberPeriodDraft, MemberPeriodId, Minutes, Organisation, OrganisationDraft, OrganisationId, OrganisationSettings, OutlineText, OutlineVersion, OutlineVersionId, Overdue, OwnKey, Place, PlacedComment, Plan, PlanBoard, PlanId, PlanReport, Presence, Quarter, ReceivePlan, Reminders, ReportFormat, RestoreOutcome, RevisionStatus, SearchFilter, SearchHit, Session, SessionDraft, SessionId, SessionPage, SetupDone, SetupDraft, SheetChoice, SheetImport, SheetPreview, SignInState, SignedIn, SubmissionId, TermDraft, TermId, TimelineEntry, Topic, TopicDraft, TopicGroup, TopicId, TrailReport, Upcoming, YearFigures };

export const api = {
  signInState: () =>
    call<SignInState>("sign_in_state"),
  signIn: (username: string, password: string) =>
    call<SignedIn>("sign_in", { username, password }),
  signOut: () =>
    call<null>("sign_out"),
  unlock: (password: string) =>
    call<SignedIn>("unlock", { password }),
  createFirstAdministrator: (username: string, displayName: string, password: string) =>
    call<SignedIn>("create_first_administrator", { username, displayName, password }),
  changeOwnPassword: (current: string, new_: string) =>
    call<Account>("change_own_password", { current, new: new_ }),
  listAccounts: () =>
    call<Account[]>("list_accounts"),
  createAccount: (draft: AccountDraft) =>
    call<Account>("create_account", { draft }),
  resetPassword: (id: AccountId, temporary: string) =>
    call<Account>("reset_password", { id, temporary }),
  deactivateAccount: (id: AccountId) =>
    call<Account>("deactivate_account", { id }),
  setLockAfterSeconds: (seconds: number) =>
    call<number>("set_lock_after_seconds", { seconds }),
  appStatus: () =>
    call<AppStatus>("app_status"),
  firstScreenPainted: (navigation: number | null, html: number | null, scriptLoaded: number | null, scriptRuns: number | null, firstData: number | null, drawn: number | null, firstFrame: number | null) =>
    call<null>("first_screen_painted", { navigation, html, scriptLoaded, scriptRuns, firstData, drawn, firstFrame }),
  diagnosticSummary: () =>
    call<string>("diagnostic_summary"),
  approvals: (organisationId: OrganisationId) =>
    call<ApprovalBoard>("approvals", { organisationId }),
  olderDecisions: (organisationId: OrganisationId, before: SubmissionId) =>
    call<DecidedPage>("older_decisions", { organisationId, before }),
  submitTopic: (id: TopicId) =>
    call<Topic>("submit_topic", { id }),
  decisionForm: (id: TopicId) =>
    call<DecisionForm>("decision_form", { id }),
  decideTopic: (id: TopicId, decision: CommitteeDecision) =>
    call<Topic>("decide_topic", { id, decision }),
  topicTimeline: (id: TopicId) =>
    call<TimelineEntry[]>("topic_timeline", { id }),
  exportApprovedOutline: (id: TopicId, format: DocumentFormat) =>
    call<string | null>("export_approved_outline", { id, format }),
  approvedOutlinePages: (id: TopicId) =>
    call<string[]>("approved_outline_pages", { id }),
  printApprovedOutline: (id: TopicId) =>
    call<null>("print_approved_outline", { id }),
  listBackups: () =>
    call<BackupList>("list_backups"),
  backupNow: () =>
    call<BackupInfo>("backup_now"),
  backupToFolder: () =>
    call<BackupInfo | null>("backup_to_folder"),
  pickBackupFile: () =>
    call<BackupInfo | null>("pick_backup_file"),
  restoreBackup: (path: string) =>
    call<RestoreOutcome>("restore_backup", { path }),
  compliance: (organisationId: OrganisationId, year: number) =>
    call<Compliance>("compliance", { organisationId, year }),
  reportPlan: (id: PlanId, on: string) =>
    call<PlanReport>("report_plan", { id, on }),
  overdue: (organisationId: OrganisationId) =>
    call<Overdue>("overdue", { organisationId }),
  upcoming: (organisationId: OrganisationId) =>
    call<Upcoming>("upcoming", { organisationId }),
  yearFigures: (organisationId: OrganisationId, year: number) =>
    call<YearFigures>("year_figures", { organisationId, year }),
  exchangeActions: () =>
    call<ExchangeActions>("exchange_actions"),
  ownKey: () =>
    call<OwnKey>("own_key"),
  knownKeys: () =>
    call<KnownKey[]>("known_keys"),
  exportPackage: (scope: ExportScope) =>
    call<ExportSummary | null>("export_package", { scope }),
  pickPackageFile: () =>
    call<string | null>("pick_package_file"),
  planReceive: (path: string) =>
    call<ReceivePlan>("plan_receive", { path }),
  receivePackage: (path: string) =>
    call<ReceivePlan>("receive_package", { path }),
  trustPackageKey: (path: string, label: string) =>
    call<KnownKey>("trust_package_key", { path, label }),
  cellsReceived: (organisationId: OrganisationId, year: number) =>
    call<CellReport[]>("cells_received", { organisationId, year }),
  guidanceReceived: (organisationId: OrganisationId, year: number) =>
    call<GuidanceReceived | null>("guidance_received", { organisationId, year }),
  exchangeConflicts: () =>
    call<Conflict[]>("exchange_conflicts"),
  resolveConflict: (id: number, choice: Choice) =>
    call<Conflict>("resolve_conflict", { id, choice }),
  completeSetup: (draft: SetupDraft) =>
    call<SetupDone>("complete_setup", { draft }),
  removeDemo: () =>
    call<null>("remove_demo"),
  addGuest: (sessionId: SessionId, draft: GuestDraft) =>
    call<Guest>("add_guest", { sessionId, draft }),
  listGuests: (sessionId: SessionId) =>
    call<Guest[]>("list_guests", { sessionId }),
  removeGuest: (id: GuestId) =>
    call<null>("remove_guest", { id }),
  addGuestRemark: (sessionId: SessionId, draft: GuestRemarkDraft) =>
    call<Comment>("add_guest_remark", { sessionId, draft }),
  listMembers: (organisationId: OrganisationId, includeMoved: boolean) =>
    call<Member[]>("list_members", { organisationId, includeMoved }),
  findMembers: (organisationId: OrganisationId | null, text: string) =>
    call<FoundMembers>("find_members", { organisationId, text }),
  createMember: (draft: MemberDraft) =>
    call<Member>("create_member", { draft }),
  updateMember: (id: MemberId, draft: MemberDraft) =>
    call<Member>("update_member", { id, draft }),
  recordDeparture: (id: MemberId, departure: Departure) =>
    call<Member>("record_departure", { id, departure }),
  reinstateMember: (id: MemberId) =>
    call<Member>("reinstate_member", { id }),
  addMemberPeriod: (id: MemberId, period: MemberPeriodDraft) =>
    call<Member>("add_member_period", { id, period }),
  removeMemberPeriod: (id: MemberPeriodId) =>
    call<Member>("remove_member_period", { id }),
  pickMemberSheet: () =>
    call<string | null>("pick_member_sheet"),
  previewMemberSheet: (path: string, organisationId: OrganisationId, choice: SheetChoice) =>
    call<SheetPreview>("preview_member_sheet", { path, organisationId, choice }),
  importMemberSheet: (path: string, organisationId: OrganisationId, choice: SheetChoice) =>
    call<SheetImport>("import_member_sheet", { path, organisationId, choice }),
  exportMemberSheet: (organisationId: OrganisationId, name: string) =>
    call<string | null>("export_member_sheet", { organisationId, name }),
  minutes: (sessionId: SessionId, revision: number | null) =>
    call<Minutes>("minutes", { sessionId, revision }),
  minutesPages: (sessionId: SessionId, revision: number | null) =>
    call<string[]>("minutes_pages", { sessionId, revision }),
  saveMinutes: (sessionId: SessionId, body: DocumentParagraph[]) =>
    call<Minutes>("save_minutes", { sessionId, body }),
  resetMinutes: (sessionId: SessionId) =>
    call<Minutes>("reset_minutes", { sessionId }),
  signMinutes: (sessionId: SessionId, signedOn: string) =>
    call<Minutes>("sign_minutes", { sessionId, signedOn }),
  correctMinutes: (sessionId: SessionId) =>
    call<Minutes>("correct_minutes", { sessionId }),
  exportMinutes: (sessionId: SessionId, revision: number | null, format: DocumentFormat) =>
    call<string | null>("export_minutes", { sessionId, revision, format }),
  exportPlan: (organisationId: OrganisationId, year: number, format: DocumentFormat) =>
    call<string | null>("export_plan", { organisationId, year, format }),
  exportPlanAmendment: (organisationId: OrganisationId, year: number, on: string, format: DocumentFormat) =>
    call<string | null>("export_plan_amendment", { organisationId, year, on, format }),
  printMinutes: (sessionId: SessionId, revision: number | null) =>
    call<null>("print_minutes", { sessionId, revision }),
  listOrganisations: (includeRetired: boolean) =>
    call<Organisation[]>("list_organisations", { includeRetired }),
  createOrganisation: (draft: OrganisationDraft) =>
    call<Organisation>("create_organisation", { draft }),
  updateOrganisation: (id: OrganisationId, draft: OrganisationDraft) =>
    call<Organisation>("update_organisation", { id, draft }),
  retireOrganisation: (id: OrganisationId, on: string) =>
    call<Organisation>("retire_organisation", { id, on }),
  importOutline: (topicId: TopicId, path: string, note: string) =>
    call<OutlineVersion>("import_outline", { topicId, path, note }),
  pickOutlineFiles: () =>
    call<string[]>("pick_outline_files"),
  outlineVersions: (topicId: TopicId) =>
    call<OutlineVersion[]>("outline_versions", { topicId }),
  outlineText: (id: OutlineVersionId) =>
    call<OutlineText>("outline_text", { id }),
  compareOutlines: (old: OutlineVersionId, new_: OutlineVersionId) =>
    call<Comparison>("compare_outlines", { old, new: new_ }),
  searchOutlines: (query: string, filter: SearchFilter) =>
    call<SearchHit[]>("search_outlines", { query, filter }),
  saveOutlineCopy: (id: OutlineVersionId) =>
    call<string | null>("save_outline_copy", { id }),
  openOutlineOriginal: (id: OutlineVersionId) =>
    call<null>("open_outline_original", { id }),
  planBoard: (organisationId: OrganisationId, year: number) =>
    call<PlanBoard>("plan_board", { organisationId, year }),
  createPlan: (organisationId: OrganisationId, year: number) =>
    call<Plan>("create_plan", { organisationId, year }),
  copyPreviousPlan: (organisationId: OrganisationId, year: number) =>
    call<Plan>("copy_previous_plan", { organisationId, year }),
  approvePlan: (id: PlanId, on: string) =>
    call<Plan>("approve_plan", { id, on }),
  createTopicGroup: (organisationId: OrganisationId, name: string) =>
    call<TopicGroup>("create_topic_group", { organisationId, name }),
  planPages: (organisationId: OrganisationId, year: number) =>
    call<string[]>("plan_pages", { organisationId, year }),
  printPlan: () =>
    call<null>("print_plan"),
  reminders: () =>
    call<Reminders>("reminders"),
  notifyReminders: () =>
    call<number>("notify_reminders"),
  setRemindersEnabled: (enabled: boolean) =>
    call<boolean>("set_reminders_enabled", { enabled }),
  createSession: (draft: SessionDraft) =>
    call<Session>("create_session", { draft }),
  updateSession: (id: SessionId, draft: SessionDraft) =>
    call<Session>("update_session", { id, draft }),
  session: (id: SessionId) =>
    call<Session>("session", { id }),
  listSessions: (organisationId: OrganisationId, year: number, cell: OrganisationId | null, cellName: string, page: number) =>
    call<SessionPage>("list_sessions", { organisationId, year, cell, cellName, page }),
  setAttendance: (id: SessionId, memberId: MemberId, presence: Presence, reason: string) =>
    call<AttendanceTotals>("set_attendance", { id, memberId, presence, reason }),
  setConclusion: (id: SessionId, conclusion: string) =>
    call<null>("set_conclusion", { id, conclusion }),
  addComment: (id: SessionId, draft: CommentDraft) =>
    call<Comment>("add_comment", { id, draft }),
  sessionComments: (id: SessionId) =>
    call<Comment[]>("session_comments", { id }),
  commentsOnVersion: (topicId: TopicId, versionId: OutlineVersionId) =>
    call<PlacedComment[]>("comments_on_version", { topicId, versionId }),
  topicComments: (topicId: TopicId) =>
    call<Comment[]>("topic_comments", { topicId }),
  answerComment: (id: CommentId, answer: AnswerDraft) =>
    call<Comment>("answer_comment", { id, answer }),
  revisionStatus: (topicId: TopicId) =>
    call<RevisionStatus>("revision_status", { topicId }),
  passDraft: (topicId: TopicId) =>
    call<Topic>("pass_draft", { topicId }),
  saveDraft: (key: string, value: string) =>
    call<null>("save_draft", { key, value }),
  loadDraft: (key: string) =>
    call<string | null>("load_draft", { key }),
  organisationSettings: (organisationId: OrganisationId) =>
    call<OrganisationSettings>("organisation_settings", { organisationId }),
  setOrganisationSettings: (organisationId: OrganisationId, settings: OrganisationSettings) =>
    call<OrganisationSettings>("set_organisation_settings", { organisationId, settings }),
  correctComment: (id: CommentId, correction: CommentCorrection) =>
    call<Comment>("correct_comment", { id, correction }),
  withdrawComment: (id: CommentId, reason: string) =>
    call<Comment>("withdraw_comment", { id, reason }),
  rankSpeakers: (query: string, names: string[]) =>
    call<number[]>("rank_speakers", { query, names }),
  sessionDateQuestion: (heldOn: string, topicIds: TopicId[]) =>
    call<string | null>("session_date_question", { heldOn, topicIds }),
  setProfileName: (name: string) =>
    call<string>("set_profile_name", { name }),
  lastPlace: () =>
    call<Place>("last_place"),
  setLastPlace: (place: Place) =>
    call<null>("set_last_place", { place }),
  listTerms: (organisationId: OrganisationId) =>
    call<CommitteeTerm[]>("list_terms", { organisationId }),
  addTerm: (organisationId: OrganisationId, draft: TermDraft) =>
    call<CommitteeTerm>("add_term", { organisationId, draft }),
  removeTerm: (id: TermId) =>
    call<null>("remove_term", { id }),
  topic: (id: TopicId) =>
    call<Topic>("topic", { id }),
  topicHistory: (id: TopicId) =>
    call<AuditEvent[]>("topic_history", { id }),
  createTopic: (planId: PlanId, draft: TopicDraft) =>
    call<Topic>("create_topic", { planId, draft }),
  updateTopic: (id: TopicId, draft: TopicDraft) =>
    call<Topic>("update_topic", { id, draft }),
  startDrafting: (id: TopicId) =>
    call<Topic>("start_drafting", { id }),
  postponeTopic: (id: TopicId, to: Quarter, reason: string) =>
    call<Topic>("postpone_topic", { id, to, reason }),
  cancelTopic: (id: TopicId, reason: string) =>
    call<Topic>("cancel_topic", { id, reason }),
  trailCheck: () =>
    call<TrailReport | null>("trail_check"),
  verifyTrail: () =>
    call<TrailReport>("verify_trail"),
  conclusionVote: (sessionId: SessionId) =>
    call<ConclusionVote | null>("conclusion_vote", { sessionId }),
  setConclusionVote: (sessionId: SessionId, vote: ConclusionVote) =>
    call<ConclusionVote>("set_conclusion_vote", { sessionId, vote }),
  exportYearlyReport: (organisationId: OrganisationId, year: number, format: ReportFormat) =>
    call<string | null>("export_yearly_report", { organisationId, year, format }),
  exportArchive: (organisationId: OrganisationId, year: number) =>
    call<string | null>("export_archive", { organisationId, year }),
};
