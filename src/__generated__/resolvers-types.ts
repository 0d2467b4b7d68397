/* eslint-disable */
/**
 * Typed resolver signatures for schema/*.graphql, written by graphql-codegen (codegen.yml): the domains type their
 * resolver maps with them against core/resolver-context.ts. Generated: do not edit, run `npm run codegen`.
 */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { WorkflowDto, WorkflowExecutionDto, WorkflowExecutionEventDto, WorkflowTriggerDto, InvocationStatusDto, AccountActivityDto, AccountActivityItemDto, IdentitySummaryDto, IdentityReferenceDto, CommentDto } from '../upstream/types.js';
import type { WorkflowPage, WorkflowExecutionPage, TriggerInvocationStatusPage, AccountActivityPage } from '../pagination/pages.js';
import type { ResolverContext } from '../core/resolver-context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An RFC 3339 date-time. Output values are SailPoint's strings passed through verbatim (they may carry
   * nanoseconds, e.g. `2022-02-07T20:13:29.356648026Z`); input values are validated and must carry a zone (`Z` or `+hh:mm`).
   */
  DateTime: { input: string; output: string; }
  /** Arbitrary JSON (objects, arrays, strings, numbers, booleans, null) passed through from SailPoint. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: string; output: string; }
};

/** An account activity: one request or process that changes accounts of an identity. */
export type AccountActivity = Node & {
  __typename?: 'AccountActivity';
  /** Arbitrary key/value metadata the requesting client attached. */
  clientMetadata?: Maybe<Scalars['JSON']['output']>;
  /** When the activity completed. */
  completed?: Maybe<Scalars['DateTime']['output']>;
  /** How the activity completed; null while pending. */
  completionStatus?: Maybe<AccountActivityCompletionStatus>;
  /** When the activity was created. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Errors the activity reported. */
  errors: Array<Scalars['String']['output']>;
  /** Where the activity is in its execution. */
  executionStatus?: Maybe<AccountActivityExecutionStatus>;
  /** Activity id. */
  id: Scalars['ID']['output'];
  /** Individual account changes of the activity. */
  items: Array<AccountActivityItem>;
  /** When the activity was last modified. */
  modified?: Maybe<Scalars['DateTime']['output']>;
  /** Name of the activity. */
  name?: Maybe<Scalars['String']['output']>;
  /** Opaque global id for `Query.node` (Relay); `id` is SailPoint's id. */
  nodeId: Scalars['ID']['output'];
  /** Who requested the activity. */
  requester?: Maybe<IdentitySummary>;
  /** Whom the activity is for. */
  target?: Maybe<IdentitySummary>;
  /** Kind of activity, e.g. `appRequest`, `Identity Refresh` (SailPoint adds kinds, so this is a string). */
  type?: Maybe<Scalars['String']['output']>;
  /** Warnings the activity reported. */
  warnings: Array<Scalars['String']['output']>;
};

/** Approval state of an account activity item. */
export type AccountActivityApprovalStatus =
  /** The request for the item was canceled. */
  | 'CANCELED'
  /** The approval expired before anyone decided. */
  | 'EXPIRED'
  /** The item was approved. */
  | 'FINISHED'
  /** The item awaits approval. */
  | 'PENDING'
  /** The item was rejected by a reviewer. */
  | 'REJECTED'
  /** The item was returned to the requester. */
  | 'RETURNED'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN';

/** How an account activity completed. */
export type AccountActivityCompletionStatus =
  /** The activity failed. */
  | 'FAILURE'
  /** The activity ended with parts not done. */
  | 'INCOMPLETE'
  /** The activity has not completed yet. */
  | 'PENDING'
  /** The activity completed successfully. */
  | 'SUCCESS'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN';

/** A page of account activities. */
export type AccountActivityConnection = {
  __typename?: 'AccountActivityConnection';
  /** Edges of this page, each with its cursor. */
  edges: Array<AccountActivityEdge>;
  /** The activities of this page. */
  nodes: Array<AccountActivity>;
  /** Paging information. */
  pageInfo: PageInfo;
  /**
   * Number of activities matching the filter, over all pages (SailPoint's `X-Total-Count`). Null (with an error on this
   * field) when SailPoint could not count them: the page itself still answers.
   */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An account activity with its cursor. */
export type AccountActivityEdge = {
  __typename?: 'AccountActivityEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The activity. */
  node: AccountActivity;
};

/** Where an account activity is in its execution. */
export type AccountActivityExecutionStatus =
  /** The activity finished. */
  | 'COMPLETED'
  /** The activity is being carried out. */
  | 'EXECUTING'
  /** The activity was stopped before it finished. */
  | 'TERMINATED'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN'
  /** SailPoint is verifying the changes on the sources. */
  | 'VERIFYING';

/** Filters on account activities; SailPoint supports only these fields and operators. */
export type AccountActivityFilter = {
  /** Creation time. */
  created?: InputMaybe<DateTimeFilter>;
  /** Last modification time. */
  modified?: InputMaybe<DateTimeFilter>;
  /** Kind of activity. */
  type?: InputMaybe<AccountActivityTypeFilter>;
};

/** One account change within an account activity. */
export type AccountActivityItem = {
  __typename?: 'AccountActivityItem';
  /** The requested access, for access requests. */
  accountRequestInfo?: Maybe<AccountRequestInfo>;
  /** Approval state of the item. */
  approvalStatus?: Maybe<AccountActivityApprovalStatus>;
  /** Account attribute changed. */
  attribute?: Maybe<Scalars['String']['output']>;
  /** Arbitrary key/value metadata the requesting client attached. */
  clientMetadata?: Maybe<Scalars['JSON']['output']>;
  /** Item id. */
  id?: Maybe<Scalars['ID']['output']>;
  /** Name of the item. */
  name?: Maybe<Scalars['String']['output']>;
  /** Native identity of the account. */
  nativeIdentity?: Maybe<Scalars['String']['output']>;
  /** Operation on the account. */
  operation?: Maybe<AccountActivityItemOperation>;
  /** Provisioning state of the item. */
  provisioningStatus?: Maybe<ProvisioningStatus>;
  /** When the access is to be removed. */
  removeDate?: Maybe<Scalars['DateTime']['output']>;
  /** When the item was requested. */
  requested?: Maybe<Scalars['DateTime']['output']>;
  /** Comment of the requester. */
  requesterComment?: Maybe<Comment>;
  /** Identity that reviewed the item. */
  reviewer?: Maybe<IdentitySummary>;
  /** Comment of the reviewer. */
  reviewerComment?: Maybe<Comment>;
  /** Id of the source of the account. */
  sourceId?: Maybe<Scalars['String']['output']>;
  /** Value set or removed. */
  value?: Maybe<Scalars['String']['output']>;
};

/** Operation of an account activity item on an account. */
export type AccountActivityItemOperation =
  /** Add a value (e.g. an entitlement) to the account. */
  | 'ADD'
  /** Create the account. */
  | 'CREATE'
  /** Delete the account. */
  | 'DELETE'
  /** Disable the account. */
  | 'DISABLE'
  /** Enable the account. */
  | 'ENABLE'
  /** Lock the account. */
  | 'LOCK'
  /** Modify the account. */
  | 'MODIFY'
  /** Remove a value from the account. */
  | 'REMOVE'
  /** Set an attribute of the account. */
  | 'SET'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN'
  /** Unlock the account. */
  | 'UNLOCK';

/** A sort key for account activities. */
export type AccountActivityOrder = {
  /** Direction; ascending when omitted. */
  direction?: InputMaybe<SortDirection>;
  /** Field to sort by. */
  field: AccountActivityOrderField;
};

/** Fields account activities can be sorted by. */
export type AccountActivityOrderField =
  /** By creation time (SailPoint `created`). */
  | 'CREATED'
  /** By last modification time (SailPoint `modified`). */
  | 'MODIFIED'
  /** By activity type (SailPoint `type`). */
  | 'TYPE';

/** Comparisons on an account activity type; all given ones must hold. Values are at most 256 characters. */
export type AccountActivityTypeFilter = {
  /** Equal to. */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** One of these (1 to 100 values). */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** `true`: the type is null. SailPoint has no 'is not null' operator here, so `false` is rejected. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to. */
  ne?: InputMaybe<Scalars['String']['input']>;
  /** Starts with. */
  sw?: InputMaybe<Scalars['String']['input']>;
};

/** The access requested by an account activity item. */
export type AccountRequestInfo = {
  __typename?: 'AccountRequestInfo';
  /** Id of the requested object. */
  requestedObjectId?: Maybe<Scalars['ID']['output']>;
  /** Name of the requested object. */
  requestedObjectName?: Maybe<Scalars['String']['output']>;
  /** Kind of the requested object. */
  requestedObjectType?: Maybe<RequestableObjectType>;
};

/** A comment on an account activity item. */
export type Comment = {
  __typename?: 'Comment';
  /** The comment text. */
  body?: Maybe<Scalars['String']['output']>;
  /** Id of the commenter. */
  commenterId?: Maybe<Scalars['ID']['output']>;
  /** Name of the commenter. */
  commenterName?: Maybe<Scalars['String']['output']>;
  /** When the comment was made. */
  date?: Maybe<Scalars['DateTime']['output']>;
};

/** The subscriber's completion of an invocation. */
export type CompleteInvocationInput = {
  __typename?: 'CompleteInvocationInput';
  /** Error the subscriber reported, if it failed. */
  localizedError?: Maybe<LocalizedMessage>;
  /** Output the subscriber returned. */
  output?: Maybe<Scalars['JSON']['output']>;
};

/** Comparisons on a date-time; all given ones must hold. */
export type DateTimeComparisonFilter = {
  /** Equal to. */
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  /** At or after. */
  ge?: InputMaybe<Scalars['DateTime']['input']>;
  /** After. */
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  /** At or before. */
  le?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before. */
  lt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Comparisons on a date-time, including lists and null checks; all given ones must hold. */
export type DateTimeFilter = {
  /** Equal to. */
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  /** At or after. */
  ge?: InputMaybe<Scalars['DateTime']['input']>;
  /** After. */
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  /** One of these (1 to 100 values). */
  in?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  /** `true`: the value is null. SailPoint has no 'is not null' operator here, so `false` is rejected. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** At or before. */
  le?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before. */
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Not equal to. */
  ne?: InputMaybe<Scalars['DateTime']['input']>;
};

/**
 * An identity of the tenant. Owned by another subgraph of your supergraph (e.g. an identities service that adds
 * `displayName`, `email`, ...); this gateway only knows its id.
 */
export type Identity = {
  __typename?: 'Identity';
  /** SailPoint identity id. */
  id: Scalars['ID']['output'];
};

/**
 * A reference to an object (usually an identity) as SailPoint embeds it in workflows. It has no `id` of its own:
 * the referenced identity's id is `identity { id }`. (An `id` here would equal that Identity's `id`, and a client
 * cache that normalises by `id` alone, as Relay's store does by default, would merge two types into one record.)
 */
export type IdentityReference = {
  __typename?: 'IdentityReference';
  /** The identity itself, for other subgraphs to extend; null when the reference is not to an identity. */
  identity?: Maybe<Identity>;
  /** Display name of the referenced object at the time SailPoint recorded it. */
  name?: Maybe<Scalars['String']['output']>;
  /** Type of the referenced object, e.g. `IDENTITY`. */
  type?: Maybe<Scalars['String']['output']>;
};

/** Summary of an identity as SailPoint embeds it in account activities. */
export type IdentitySummary = {
  __typename?: 'IdentitySummary';
  /** Whether the identity's part in the activity is completed. */
  completed?: Maybe<Scalars['Boolean']['output']>;
  /** Id of this summary record. */
  id?: Maybe<Scalars['ID']['output']>;
  /** The identity itself, for other subgraphs to extend; null when `identityId` is absent. */
  identity?: Maybe<Identity>;
  /** Id of the identity. */
  identityId?: Maybe<Scalars['ID']['output']>;
  /** Display name of the identity. */
  name?: Maybe<Scalars['String']['output']>;
};

/** A message in a locale. */
export type LocalizedMessage = {
  __typename?: 'LocalizedMessage';
  /** BCP 47 locale of the message. */
  locale: Scalars['String']['output'];
  /** The message. */
  message: Scalars['String']['output'];
};

/**
 * An object that can be fetched again by its `nodeId` through `Query.node` (Relay's Global Object Identification,
 * which `@refetchable` fragments use). Relay clients set `schemaConfig.nodeInterfaceIdField: "nodeId"`.
 */
export type Node = {
  /**
   * Opaque global id of this object: its type and SailPoint id, for `Query.node`. It is not SailPoint's id (that
   * is `id`); do not parse it.
   */
  nodeId: Scalars['ID']['output'];
};

/** Relay page information of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge, null on an empty page. Pass it as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more items follow the last edge of this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when items precede the first edge of this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge, null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Provisioning state of an account activity item. */
export type ProvisioningStatus =
  /** Committed (SailPoint spells the value `COMMITED`). */
  | 'COMMITED'
  /** Provisioning failed. */
  | 'FAILED'
  /** Provisioned. */
  | 'FINISHED'
  /** Not provisioned yet. */
  | 'PENDING'
  /** Provisioning failed and will be retried. */
  | 'RETRY'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN'
  /** Sent to the source, which cannot confirm the change. */
  | 'UNVERIFIABLE';

/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type Query = {
  __typename?: 'Query';
  /**
   * Account activities (access requests, refreshes, lifecycle changes, ...). `requestedFor`, `requestedBy` and
   * `regardingIdentity` take an identity id or `me`; `regardingIdentity` cannot be combined with the other two.
   * Null (with an error on this field) when the arguments are invalid or SailPoint could not be read; the
   * operation's other fields still answer.
   */
  accountActivities?: Maybe<AccountActivityConnection>;
  /** One account activity by id; null when it does not exist. */
  accountActivity?: Maybe<AccountActivity>;
  /**
   * The object with this global id, read through the same loaders as the typed fields (so asking for it next to
   * them costs no extra SailPoint call); null when it does not exist. An id this gateway did not issue is a
   * BAD_USER_INPUT error, without any SailPoint call.
   */
  node?: Maybe<Node>;
  /**
   * The objects with these global ids, in the same order; an item is null when it does not exist, and null with
   * an error on that item when its id was not issued by this gateway or SailPoint could not be read for it. Ids
   * of the same type share the loaders' batching: any number of workflows or trigger invocation statuses cost one
   * list read. The list itself is nullable like every root field that calls SailPoint: should it fail as a whole,
   * it is null with its error and the operation's other fields still answer.
   */
  nodes?: Maybe<Array<Maybe<Node>>>;
  /**
   * Latest trigger invocation statuses. SailPoint keeps successful invocations 24 hours and failed ones 48 hours,
   * and returns at most 2,000: this is not a full history. Null (with an error on this field) when the arguments
   * are invalid or SailPoint could not be read; the operation's other fields still answer.
   */
  triggerInvocationStatuses?: Maybe<TriggerInvocationStatusConnection>;
  /** One workflow by id; null when it does not exist. */
  workflow?: Maybe<Workflow>;
  /** One workflow execution by id; null when it does not exist or was archived (executions are kept 90 days). */
  workflowExecution?: Maybe<WorkflowExecution>;
  /**
   * Workflows of the tenant. SailPoint's list endpoint has no paging, filtering or sorting, so the gateway reads
   * the full (small, cached) list and filters, sorts and pages it itself. Null (with an error on this field) when
   * the arguments are invalid or SailPoint could not be read; the operation's other fields still answer.
   */
  workflows?: Maybe<WorkflowConnection>;
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryAccountActivitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountActivityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AccountActivityOrder>>;
  regardingIdentity?: InputMaybe<Scalars['ID']['input']>;
  requestedBy?: InputMaybe<Scalars['ID']['input']>;
  requestedFor?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryAccountActivityArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryNodeArgs = {
  nodeId: Scalars['ID']['input'];
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryNodesArgs = {
  nodeIds: Array<Scalars['ID']['input']>;
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryTriggerInvocationStatusesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TriggerInvocationStatusFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TriggerInvocationStatusOrder>>;
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryWorkflowArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryWorkflowExecutionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Reads over SailPoint Identity Security Cloud. Every field that needs SailPoint data needs a caller credential
 * (pass-through bearer token, or an API key in service mode).
 */
export type QueryWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<WorkflowOrder>>;
};

/** Kind of requestable object. */
export type RequestableObjectType =
  /** An access profile. */
  | 'ACCESS_PROFILE'
  /** An entitlement. */
  | 'ENTITLEMENT'
  /** A role. */
  | 'ROLE'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN';

/** Direction of an `orderBy` entry. */
export type SortDirection =
  /** Ascending (the default). */
  | 'ASC'
  /** Descending. */
  | 'DESC';

/** The input a trigger sent to its subscriber. */
export type StartInvocationInput = {
  __typename?: 'StartInvocationInput';
  /** Extra JSON content sent to the subscriber. */
  contentJson?: Maybe<Scalars['JSON']['output']>;
  /** Trigger input payload. */
  input?: Maybe<Scalars['JSON']['output']>;
  /** Trigger id. */
  triggerId?: Maybe<Scalars['String']['output']>;
};

/** Equality on a string of at most 256 characters. */
export type StringEqFilter = {
  /** Equal to. */
  eq?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Live data over the graphql-ws protocol (WebSocket on `/graphql`; authenticate in `connection_init` with the same
 * credential as HTTP: `Authorization: Bearer ...`, or `x-api-key` in service mode). The gateway polls SailPoint once
 * per caller credential and query, however many subscribers share it, every `LIVE_POLL_INTERVAL_MS` (longer while
 * the poll share of the rate budget is used up: events then come late, never twice and never lost). Upstream errors
 * arrive as GraphQL errors with the same codes as queries; `UNAUTHENTICATED` ends the subscription.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** Each trigger invocation that appears or completes after the subscription began. */
  triggerInvocationStatuses: TriggerInvocationStatus;
  /** The execution now, then again each time its status changes; completes after a terminal status. */
  workflowExecution: WorkflowExecution;
  /** Each execution of the workflow that starts or changes status after the subscription began. */
  workflowExecutions: WorkflowExecution;
};


/**
 * Live data over the graphql-ws protocol (WebSocket on `/graphql`; authenticate in `connection_init` with the same
 * credential as HTTP: `Authorization: Bearer ...`, or `x-api-key` in service mode). The gateway polls SailPoint once
 * per caller credential and query, however many subscribers share it, every `LIVE_POLL_INTERVAL_MS` (longer while
 * the poll share of the rate budget is used up: events then come late, never twice and never lost). Upstream errors
 * arrive as GraphQL errors with the same codes as queries; `UNAUTHENTICATED` ends the subscription.
 */
export type SubscriptionTriggerInvocationStatusesArgs = {
  filter?: InputMaybe<TriggerInvocationStatusFilter>;
};


/**
 * Live data over the graphql-ws protocol (WebSocket on `/graphql`; authenticate in `connection_init` with the same
 * credential as HTTP: `Authorization: Bearer ...`, or `x-api-key` in service mode). The gateway polls SailPoint once
 * per caller credential and query, however many subscribers share it, every `LIVE_POLL_INTERVAL_MS` (longer while
 * the poll share of the rate budget is used up: events then come late, never twice and never lost). Upstream errors
 * arrive as GraphQL errors with the same codes as queries; `UNAUTHENTICATED` ends the subscription.
 */
export type SubscriptionWorkflowExecutionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Live data over the graphql-ws protocol (WebSocket on `/graphql`; authenticate in `connection_init` with the same
 * credential as HTTP: `Authorization: Bearer ...`, or `x-api-key` in service mode). The gateway polls SailPoint once
 * per caller credential and query, however many subscribers share it, every `LIVE_POLL_INTERVAL_MS` (longer while
 * the poll share of the rate budget is used up: events then come late, never twice and never lost). Upstream errors
 * arrive as GraphQL errors with the same codes as queries; `UNAUTHENTICATED` ends the subscription.
 */
export type SubscriptionWorkflowExecutionsArgs = {
  filter?: InputMaybe<WorkflowExecutionFilter>;
  workflowId: Scalars['ID']['input'];
};

/** The status of one invocation of an event trigger's subscription. */
export type TriggerInvocationStatus = Node & {
  __typename?: 'TriggerInvocationStatus';
  /** The subscriber's answer, when it completed. */
  completeInvocationInput?: Maybe<CompleteInvocationInput>;
  /** When the invocation completed; null while it is in flight. */
  completed?: Maybe<Scalars['DateTime']['output']>;
  /** When the invocation was created (UTC). */
  created: Scalars['DateTime']['output'];
  /** True when the invocation completed with an error (`completeInvocationInput.localizedError` is present). */
  failed: Scalars['Boolean']['output'];
  /** Invocation id. */
  id: Scalars['ID']['output'];
  /** True while the invocation has not completed (`completed` is null). */
  inFlight: Scalars['Boolean']['output'];
  /** Opaque global id for `Query.node` (Relay); `id` is SailPoint's id. */
  nodeId: Scalars['ID']['output'];
  /** The input the trigger sent. */
  startInvocationInput: StartInvocationInput;
  /** Subscription id. */
  subscriptionId: Scalars['String']['output'];
  /** Subscription name. */
  subscriptionName: Scalars['String']['output'];
  /** Trigger id, e.g. `idn:access-request-dynamic-approver`. */
  triggerId: Scalars['String']['output'];
  /** Whether this was a test or a real-time invocation. */
  type: TriggerInvocationType;
};

/** A page of trigger invocation statuses. */
export type TriggerInvocationStatusConnection = {
  __typename?: 'TriggerInvocationStatusConnection';
  /** Edges of this page, each with its cursor. */
  edges: Array<TriggerInvocationStatusEdge>;
  /** The statuses of this page. */
  nodes: Array<TriggerInvocationStatus>;
  /** Paging information. */
  pageInfo: PageInfo;
  /**
   * Number of statuses matching the filter, over all pages (SailPoint's `X-Total-Count`). Null (with an error on this
   * field) when SailPoint could not count them: the page itself still answers.
   */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A trigger invocation status with its cursor. */
export type TriggerInvocationStatusEdge = {
  __typename?: 'TriggerInvocationStatusEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The status. */
  node: TriggerInvocationStatus;
};

/** Filters on trigger invocation statuses; SailPoint supports only these. */
export type TriggerInvocationStatusFilter = {
  /** Subscription id. */
  subscriptionId?: InputMaybe<StringEqFilter>;
  /** Trigger id. */
  triggerId?: InputMaybe<StringEqFilter>;
};

/** A sort key for trigger invocation statuses. */
export type TriggerInvocationStatusOrder = {
  /** Direction; ascending when omitted. */
  direction?: InputMaybe<SortDirection>;
  /** Field to sort by. */
  field: TriggerInvocationStatusOrderField;
};

/** Fields trigger invocation statuses can be sorted by. */
export type TriggerInvocationStatusOrderField =
  /** By completion time (SailPoint `completed`). */
  | 'COMPLETED'
  /** By invocation time (SailPoint `created`). */
  | 'CREATED'
  /** By subscription name (SailPoint `subscriptionName`). */
  | 'SUBSCRIPTION_NAME'
  /** By trigger id (SailPoint `triggerId`). */
  | 'TRIGGER_ID';

/** Kind of trigger invocation. */
export type TriggerInvocationType =
  /** A real invocation by an event. */
  | 'REAL_TIME'
  /** A test invocation (sent from the trigger subscription test). */
  | 'TEST'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN';

/** A SailPoint workflow: a trigger plus a definition of steps. */
export type Workflow = Node & {
  __typename?: 'Workflow';
  /** When the workflow was created. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Identity that created the workflow. */
  creator?: Maybe<IdentityReference>;
  /** The workflow definition (`start` step name and `steps` keyed by name), as SailPoint sends it. */
  definition?: Maybe<Scalars['JSON']['output']>;
  /** Description of the workflow. */
  description?: Maybe<Scalars['String']['output']>;
  /** Whether the workflow is enabled and runs when triggered. */
  enabled?: Maybe<Scalars['Boolean']['output']>;
  /** Number of times the workflow has run. */
  executionCount?: Maybe<Scalars['Int']['output']>;
  /**
   * Executions of this workflow in the last 90 days, newest first as SailPoint returns them. Null (with an error)
   * when SailPoint could not be read, so one failing workflow does not fail a whole dashboard.
   */
  executions?: Maybe<WorkflowExecutionConnection>;
  /** Number of failed runs. */
  failureCount?: Maybe<Scalars['Int']['output']>;
  /** Workflow id (UUID). */
  id: Scalars['ID']['output'];
  /** When the workflow was last modified. */
  modified?: Maybe<Scalars['DateTime']['output']>;
  /** Identity that last modified the workflow. */
  modifiedBy?: Maybe<IdentityReference>;
  /** Name of the workflow. */
  name?: Maybe<Scalars['String']['output']>;
  /** Opaque global id for `Query.node` (Relay); `id` is SailPoint's id. */
  nodeId: Scalars['ID']['output'];
  /** Owner of the workflow. */
  owner?: Maybe<IdentityReference>;
  /** What starts the workflow. */
  trigger?: Maybe<WorkflowTrigger>;
};


/** A SailPoint workflow: a trigger plus a definition of steps. */
export type WorkflowExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowExecutionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of workflows. */
export type WorkflowConnection = {
  __typename?: 'WorkflowConnection';
  /** Edges of this page, each with its cursor. */
  edges: Array<WorkflowEdge>;
  /** The workflows of this page. */
  nodes: Array<Workflow>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Number of workflows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A workflow with its cursor. */
export type WorkflowEdge = {
  __typename?: 'WorkflowEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The workflow. */
  node: Workflow;
};

/** One run of a workflow. */
export type WorkflowExecution = Node & {
  __typename?: 'WorkflowExecution';
  /** When the execution ended; null while it runs. */
  closeTime?: Maybe<Scalars['DateTime']['output']>;
  /** Events of the execution in order; null (with an error) when the history could not be read. */
  history?: Maybe<Array<WorkflowExecutionEvent>>;
  /** Execution id. */
  id: Scalars['ID']['output'];
  /** Opaque global id for `Query.node` (Relay); `id` is SailPoint's id. */
  nodeId: Scalars['ID']['output'];
  /** Request id to quote to SailPoint support. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** When the execution started. */
  startTime?: Maybe<Scalars['DateTime']['output']>;
  /** Status of the execution. */
  status: WorkflowExecutionStatus;
  /** The workflow that ran; null (with an error) when it could not be read, or null when it was deleted. */
  workflow?: Maybe<Workflow>;
  /** Id of the workflow that ran. */
  workflowId?: Maybe<Scalars['ID']['output']>;
};

/** A page of workflow executions. SailPoint cannot count executions: see `Workflow.executionCount`. */
export type WorkflowExecutionConnection = {
  __typename?: 'WorkflowExecutionConnection';
  /** Edges of this page, each with its cursor. */
  edges: Array<WorkflowExecutionEdge>;
  /** The executions of this page. */
  nodes: Array<WorkflowExecution>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** A workflow execution with its cursor. */
export type WorkflowExecutionEdge = {
  __typename?: 'WorkflowExecutionEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The execution. */
  node: WorkflowExecution;
};

/** One event in a workflow execution's history. */
export type WorkflowExecutionEvent = {
  __typename?: 'WorkflowExecutionEvent';
  /** Event attributes, as SailPoint sends them. */
  attributes?: Maybe<Scalars['JSON']['output']>;
  /** When the event happened. */
  timestamp?: Maybe<Scalars['DateTime']['output']>;
  /** Kind of event. */
  type: WorkflowExecutionEventType;
};

/** Kind of workflow execution event. */
export type WorkflowExecutionEventType =
  /** A step (activity) completed. */
  | 'ACTIVITY_TASK_COMPLETED'
  /** A step (activity) failed. */
  | 'ACTIVITY_TASK_FAILED'
  /** A step (activity) was scheduled. */
  | 'ACTIVITY_TASK_SCHEDULED'
  /** A step (activity) started. */
  | 'ACTIVITY_TASK_STARTED'
  /** A child workflow execution completed. */
  | 'CHILD_WORKFLOW_EXECUTION_COMPLETED'
  /** A child workflow execution failed. */
  | 'CHILD_WORKFLOW_EXECUTION_FAILED'
  /** A child workflow execution started. */
  | 'CHILD_WORKFLOW_EXECUTION_STARTED'
  /** A child workflow was started. */
  | 'START_CHILD_WORKFLOW_EXECUTION_INITIATED'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN'
  /** The execution completed. */
  | 'WORKFLOW_EXECUTION_COMPLETED'
  /** The execution failed. */
  | 'WORKFLOW_EXECUTION_FAILED'
  /** The execution was scheduled. */
  | 'WORKFLOW_EXECUTION_SCHEDULED'
  /** The execution started. */
  | 'WORKFLOW_EXECUTION_STARTED'
  /** A workflow task completed. */
  | 'WORKFLOW_TASK_COMPLETED'
  /** A workflow task failed. */
  | 'WORKFLOW_TASK_FAILED'
  /** A workflow task was scheduled. */
  | 'WORKFLOW_TASK_SCHEDULED'
  /** A workflow task started. */
  | 'WORKFLOW_TASK_STARTED';

/** Filters on workflow executions; SailPoint supports only these. */
export type WorkflowExecutionFilter = {
  /** Start time of the execution. */
  startTime?: InputMaybe<DateTimeComparisonFilter>;
  /** Execution status. */
  status?: InputMaybe<WorkflowExecutionStatusFilter>;
};

/** Status of a workflow execution. */
export type WorkflowExecutionStatus =
  /** The execution was canceled. */
  | 'CANCELED'
  /** The execution finished successfully. */
  | 'COMPLETED'
  /** The execution failed. */
  | 'FAILED'
  /** The execution waits to start. */
  | 'QUEUED'
  /** The execution is running. */
  | 'RUNNING'
  /** A value this gateway does not know yet (SailPoint has been seen to send `Executing`). */
  | 'UNKNOWN';

/** Comparison on an execution status (SailPoint supports only `eq`). */
export type WorkflowExecutionStatusFilter = {
  /** Equal to this status (`UNKNOWN` cannot be filtered on). */
  eq?: InputMaybe<WorkflowExecutionStatus>;
};

/** Filters on workflows (all given ones must hold). */
export type WorkflowFilter = {
  /** Only enabled (true) or disabled (false) workflows. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only workflows whose name contains this text (case-insensitive). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only workflows owned by this identity id. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Only workflows with this trigger type. */
  triggerType?: InputMaybe<WorkflowTriggerType>;
};

/** A sort key for workflows. */
export type WorkflowOrder = {
  /** Direction; ascending when omitted. */
  direction?: InputMaybe<SortDirection>;
  /** Field to sort by. */
  field: WorkflowOrderField;
};

/** Fields workflows can be sorted by. */
export type WorkflowOrderField =
  /** By creation time. */
  | 'CREATED'
  /** By last modification time. */
  | 'MODIFIED'
  /** By name. */
  | 'NAME';

/** What starts a workflow. */
export type WorkflowTrigger = {
  __typename?: 'WorkflowTrigger';
  /** Trigger attributes (event id and filter, schedule, external client), as SailPoint sends them. */
  attributes?: Maybe<Scalars['JSON']['output']>;
  /** Human-readable name of the trigger. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** Kind of trigger. */
  type: WorkflowTriggerType;
};

/** Kind of workflow trigger. */
export type WorkflowTriggerType =
  /** Started by an event trigger. */
  | 'EVENT'
  /** Started by an external client through the API. */
  | 'EXTERNAL'
  /** SailPoint sent an empty trigger type (its spec allows `""`). */
  | 'NONE'
  /** Started on a schedule. */
  | 'SCHEDULED'
  /** A value this gateway does not know yet. */
  | 'UNKNOWN';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  AccountActivity: AccountActivity;
  TriggerInvocationStatus: TriggerInvocationStatus;
  Workflow: Workflow;
  WorkflowExecution: WorkflowExecution;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  AccountActivity:
    ( { __typename: 'AccountActivity' }
    & GraphQLRecursivePick<FederationTypes['AccountActivity'], {"id":true}> );
  TriggerInvocationStatus:
    ( { __typename: 'TriggerInvocationStatus' }
    & GraphQLRecursivePick<FederationTypes['TriggerInvocationStatus'], {"id":true}> );
  Workflow:
    ( { __typename: 'Workflow' }
    & GraphQLRecursivePick<FederationTypes['Workflow'], {"id":true}> );
  WorkflowExecution:
    ( { __typename: 'WorkflowExecution' }
    & GraphQLRecursivePick<FederationTypes['WorkflowExecution'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( AccountActivityDto )
    | ( InvocationStatusDto )
    | ( WorkflowDto )
    | ( WorkflowExecutionDto )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccountActivity: ResolverTypeWrapper<AccountActivityDto>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AccountActivityApprovalStatus: AccountActivityApprovalStatus;
  AccountActivityCompletionStatus: AccountActivityCompletionStatus;
  AccountActivityConnection: ResolverTypeWrapper<AccountActivityPage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AccountActivityEdge: ResolverTypeWrapper<Omit<AccountActivityEdge, 'node'> & { node: ResolversTypes['AccountActivity'] }>;
  AccountActivityExecutionStatus: AccountActivityExecutionStatus;
  AccountActivityFilter: AccountActivityFilter;
  AccountActivityItem: ResolverTypeWrapper<AccountActivityItemDto>;
  AccountActivityItemOperation: AccountActivityItemOperation;
  AccountActivityOrder: AccountActivityOrder;
  AccountActivityOrderField: AccountActivityOrderField;
  AccountActivityTypeFilter: AccountActivityTypeFilter;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AccountRequestInfo: ResolverTypeWrapper<AccountRequestInfo>;
  Comment: ResolverTypeWrapper<CommentDto>;
  CompleteInvocationInput: ResolverTypeWrapper<CompleteInvocationInput>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeComparisonFilter: DateTimeComparisonFilter;
  DateTimeFilter: DateTimeFilter;
  Identity: ResolverTypeWrapper<Identity>;
  IdentityReference: ResolverTypeWrapper<IdentityReferenceDto>;
  IdentitySummary: ResolverTypeWrapper<IdentitySummaryDto>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LocalizedMessage: ResolverTypeWrapper<LocalizedMessage>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  ProvisioningStatus: ProvisioningStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestableObjectType: RequestableObjectType;
  SortDirection: SortDirection;
  StartInvocationInput: ResolverTypeWrapper<StartInvocationInput>;
  StringEqFilter: StringEqFilter;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TriggerInvocationStatus: ResolverTypeWrapper<InvocationStatusDto>;
  TriggerInvocationStatusConnection: ResolverTypeWrapper<TriggerInvocationStatusPage>;
  TriggerInvocationStatusEdge: ResolverTypeWrapper<Omit<TriggerInvocationStatusEdge, 'node'> & { node: ResolversTypes['TriggerInvocationStatus'] }>;
  TriggerInvocationStatusFilter: TriggerInvocationStatusFilter;
  TriggerInvocationStatusOrder: TriggerInvocationStatusOrder;
  TriggerInvocationStatusOrderField: TriggerInvocationStatusOrderField;
  TriggerInvocationType: TriggerInvocationType;
  Workflow: ResolverTypeWrapper<WorkflowDto>;
  WorkflowConnection: ResolverTypeWrapper<WorkflowPage>;
  WorkflowEdge: ResolverTypeWrapper<Omit<WorkflowEdge, 'node'> & { node: ResolversTypes['Workflow'] }>;
  WorkflowExecution: ResolverTypeWrapper<WorkflowExecutionDto>;
  WorkflowExecutionConnection: ResolverTypeWrapper<WorkflowExecutionPage>;
  WorkflowExecutionEdge: ResolverTypeWrapper<Omit<WorkflowExecutionEdge, 'node'> & { node: ResolversTypes['WorkflowExecution'] }>;
  WorkflowExecutionEvent: ResolverTypeWrapper<WorkflowExecutionEventDto>;
  WorkflowExecutionEventType: WorkflowExecutionEventType;
  WorkflowExecutionFilter: WorkflowExecutionFilter;
  WorkflowExecutionStatus: WorkflowExecutionStatus;
  WorkflowExecutionStatusFilter: WorkflowExecutionStatusFilter;
  WorkflowFilter: WorkflowFilter;
  WorkflowOrder: WorkflowOrder;
  WorkflowOrderField: WorkflowOrderField;
  WorkflowTrigger: ResolverTypeWrapper<WorkflowTriggerDto>;
  WorkflowTriggerType: WorkflowTriggerType;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccountActivity: AccountActivityDto;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AccountActivityConnection: AccountActivityPage;
  Int: Scalars['Int']['output'];
  AccountActivityEdge: Omit<AccountActivityEdge, 'node'> & { node: ResolversParentTypes['AccountActivity'] };
  AccountActivityFilter: AccountActivityFilter;
  AccountActivityItem: AccountActivityItemDto;
  AccountActivityOrder: AccountActivityOrder;
  AccountActivityTypeFilter: AccountActivityTypeFilter;
  Boolean: Scalars['Boolean']['output'];
  AccountRequestInfo: AccountRequestInfo;
  Comment: CommentDto;
  CompleteInvocationInput: CompleteInvocationInput;
  DateTime: Scalars['DateTime']['output'];
  DateTimeComparisonFilter: DateTimeComparisonFilter;
  DateTimeFilter: DateTimeFilter;
  Identity: Identity;
  IdentityReference: IdentityReferenceDto;
  IdentitySummary: IdentitySummaryDto;
  JSON: Scalars['JSON']['output'];
  LocalizedMessage: LocalizedMessage;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  StartInvocationInput: StartInvocationInput;
  StringEqFilter: StringEqFilter;
  Subscription: Record<PropertyKey, never>;
  TriggerInvocationStatus: InvocationStatusDto;
  TriggerInvocationStatusConnection: TriggerInvocationStatusPage;
  TriggerInvocationStatusEdge: Omit<TriggerInvocationStatusEdge, 'node'> & { node: ResolversParentTypes['TriggerInvocationStatus'] };
  TriggerInvocationStatusFilter: TriggerInvocationStatusFilter;
  TriggerInvocationStatusOrder: TriggerInvocationStatusOrder;
  Workflow: WorkflowDto;
  WorkflowConnection: WorkflowPage;
  WorkflowEdge: Omit<WorkflowEdge, 'node'> & { node: ResolversParentTypes['Workflow'] };
  WorkflowExecution: WorkflowExecutionDto;
  WorkflowExecutionConnection: WorkflowExecutionPage;
  WorkflowExecutionEdge: Omit<WorkflowExecutionEdge, 'node'> & { node: ResolversParentTypes['WorkflowExecution'] };
  WorkflowExecutionEvent: WorkflowExecutionEventDto;
  WorkflowExecutionFilter: WorkflowExecutionFilter;
  WorkflowExecutionStatusFilter: WorkflowExecutionStatusFilter;
  WorkflowFilter: WorkflowFilter;
  WorkflowOrder: WorkflowOrder;
  WorkflowTrigger: WorkflowTriggerDto;
};

export type AccountActivityResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['AccountActivity'] = ResolversParentTypes['AccountActivity'], FederationReferenceType extends FederationReferenceTypes['AccountActivity'] = FederationReferenceTypes['AccountActivity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AccountActivity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  clientMetadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  completed?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  completionStatus?: Resolver<Maybe<ResolversTypes['AccountActivityCompletionStatus']>, ParentType, ContextType>;
  created?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  executionStatus?: Resolver<Maybe<ResolversTypes['AccountActivityExecutionStatus']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['AccountActivityItem']>, ParentType, ContextType>;
  modified?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requester?: Resolver<Maybe<ResolversTypes['IdentitySummary']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['IdentitySummary']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AccountActivityConnectionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['AccountActivityConnection'] = ResolversParentTypes['AccountActivityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AccountActivityEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AccountActivity']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type AccountActivityEdgeResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['AccountActivityEdge'] = ResolversParentTypes['AccountActivityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AccountActivity'], ParentType, ContextType>;
};

export type AccountActivityItemResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['AccountActivityItem'] = ResolversParentTypes['AccountActivityItem']> = {
  accountRequestInfo?: Resolver<Maybe<ResolversTypes['AccountRequestInfo']>, ParentType, ContextType>;
  approvalStatus?: Resolver<Maybe<ResolversTypes['AccountActivityApprovalStatus']>, ParentType, ContextType>;
  attribute?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clientMetadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nativeIdentity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operation?: Resolver<Maybe<ResolversTypes['AccountActivityItemOperation']>, ParentType, ContextType>;
  provisioningStatus?: Resolver<Maybe<ResolversTypes['ProvisioningStatus']>, ParentType, ContextType>;
  removeDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  requested?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  requesterComment?: Resolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType>;
  reviewer?: Resolver<Maybe<ResolversTypes['IdentitySummary']>, ParentType, ContextType>;
  reviewerComment?: Resolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType>;
  sourceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AccountRequestInfoResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['AccountRequestInfo'] = ResolversParentTypes['AccountRequestInfo']> = {
  requestedObjectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  requestedObjectName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedObjectType?: Resolver<Maybe<ResolversTypes['RequestableObjectType']>, ParentType, ContextType>;
};

export type CommentResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = {
  body?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  commenterId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  commenterName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  date?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type CompleteInvocationInputResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['CompleteInvocationInput'] = ResolversParentTypes['CompleteInvocationInput']> = {
  localizedError?: Resolver<Maybe<ResolversTypes['LocalizedMessage']>, ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IdentityResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Identity'] = ResolversParentTypes['Identity']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type IdentityReferenceResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['IdentityReference'] = ResolversParentTypes['IdentityReference']> = {
  identity?: Resolver<Maybe<ResolversTypes['Identity']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IdentitySummaryResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['IdentitySummary'] = ResolversParentTypes['IdentitySummary']> = {
  completed?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  identity?: Resolver<Maybe<ResolversTypes['Identity']>, ParentType, ContextType>;
  identityId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LocalizedMessageResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['LocalizedMessage'] = ResolversParentTypes['LocalizedMessage']> = {
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type NodeResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'AccountActivity' | 'TriggerInvocationStatus' | 'Workflow' | 'WorkflowExecution', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accountActivities?: Resolver<Maybe<ResolversTypes['AccountActivityConnection']>, ParentType, ContextType, Partial<QueryAccountActivitiesArgs>>;
  accountActivity?: Resolver<Maybe<ResolversTypes['AccountActivity']>, ParentType, ContextType, RequireFields<QueryAccountActivityArgs, 'id'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'nodeId'>>;
  nodes?: Resolver<Maybe<Array<Maybe<ResolversTypes['Node']>>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'nodeIds'>>;
  triggerInvocationStatuses?: Resolver<Maybe<ResolversTypes['TriggerInvocationStatusConnection']>, ParentType, ContextType, Partial<QueryTriggerInvocationStatusesArgs>>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType, RequireFields<QueryWorkflowArgs, 'id'>>;
  workflowExecution?: Resolver<Maybe<ResolversTypes['WorkflowExecution']>, ParentType, ContextType, RequireFields<QueryWorkflowExecutionArgs, 'id'>>;
  workflows?: Resolver<Maybe<ResolversTypes['WorkflowConnection']>, ParentType, ContextType, Partial<QueryWorkflowsArgs>>;
};

export type StartInvocationInputResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['StartInvocationInput'] = ResolversParentTypes['StartInvocationInput']> = {
  contentJson?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  input?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  triggerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  triggerInvocationStatuses?: SubscriptionResolver<ResolversTypes['TriggerInvocationStatus'], "triggerInvocationStatuses", ParentType, ContextType, Partial<SubscriptionTriggerInvocationStatusesArgs>>;
  workflowExecution?: SubscriptionResolver<ResolversTypes['WorkflowExecution'], "workflowExecution", ParentType, ContextType, RequireFields<SubscriptionWorkflowExecutionArgs, 'id'>>;
  workflowExecutions?: SubscriptionResolver<ResolversTypes['WorkflowExecution'], "workflowExecutions", ParentType, ContextType, RequireFields<SubscriptionWorkflowExecutionsArgs, 'workflowId'>>;
};

export type TriggerInvocationStatusResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['TriggerInvocationStatus'] = ResolversParentTypes['TriggerInvocationStatus'], FederationReferenceType extends FederationReferenceTypes['TriggerInvocationStatus'] = FederationReferenceTypes['TriggerInvocationStatus']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TriggerInvocationStatus']> | FederationReferenceType, FederationReferenceType, ContextType>;
  completeInvocationInput?: Resolver<Maybe<ResolversTypes['CompleteInvocationInput']>, ParentType, ContextType>;
  completed?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inFlight?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startInvocationInput?: Resolver<ResolversTypes['StartInvocationInput'], ParentType, ContextType>;
  subscriptionId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subscriptionName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TriggerInvocationType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TriggerInvocationStatusConnectionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['TriggerInvocationStatusConnection'] = ResolversParentTypes['TriggerInvocationStatusConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TriggerInvocationStatusEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['TriggerInvocationStatus']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type TriggerInvocationStatusEdgeResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['TriggerInvocationStatusEdge'] = ResolversParentTypes['TriggerInvocationStatusEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TriggerInvocationStatus'], ParentType, ContextType>;
};

export type WorkflowResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['Workflow'] = ResolversParentTypes['Workflow'], FederationReferenceType extends FederationReferenceTypes['Workflow'] = FederationReferenceTypes['Workflow']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workflow']> | FederationReferenceType, FederationReferenceType, ContextType>;
  created?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['IdentityReference']>, ParentType, ContextType>;
  definition?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  executionCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  executions?: Resolver<Maybe<ResolversTypes['WorkflowExecutionConnection']>, ParentType, ContextType, Partial<WorkflowExecutionsArgs>>;
  failureCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modified?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  modifiedBy?: Resolver<Maybe<ResolversTypes['IdentityReference']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['IdentityReference']>, ParentType, ContextType>;
  trigger?: Resolver<Maybe<ResolversTypes['WorkflowTrigger']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkflowConnectionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowConnection'] = ResolversParentTypes['WorkflowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WorkflowEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Workflow']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WorkflowEdgeResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowEdge'] = ResolversParentTypes['WorkflowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
};

export type WorkflowExecutionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowExecution'] = ResolversParentTypes['WorkflowExecution'], FederationReferenceType extends FederationReferenceTypes['WorkflowExecution'] = FederationReferenceTypes['WorkflowExecution']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WorkflowExecution']> | FederationReferenceType, FederationReferenceType, ContextType>;
  closeTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  history?: Resolver<Maybe<Array<ResolversTypes['WorkflowExecutionEvent']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WorkflowExecutionStatus'], ParentType, ContextType>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType>;
  workflowId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkflowExecutionConnectionResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowExecutionConnection'] = ResolversParentTypes['WorkflowExecutionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WorkflowExecutionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['WorkflowExecution']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WorkflowExecutionEdgeResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowExecutionEdge'] = ResolversParentTypes['WorkflowExecutionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WorkflowExecution'], ParentType, ContextType>;
};

export type WorkflowExecutionEventResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowExecutionEvent'] = ResolversParentTypes['WorkflowExecutionEvent']> = {
  attributes?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  timestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['WorkflowExecutionEventType'], ParentType, ContextType>;
};

export type WorkflowTriggerResolvers<ContextType = ResolverContext, ParentType extends ResolversParentTypes['WorkflowTrigger'] = ResolversParentTypes['WorkflowTrigger']> = {
  attributes?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['WorkflowTriggerType'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ResolverContext> = {
  AccountActivity?: AccountActivityResolvers<ContextType>;
  AccountActivityConnection?: AccountActivityConnectionResolvers<ContextType>;
  AccountActivityEdge?: AccountActivityEdgeResolvers<ContextType>;
  AccountActivityItem?: AccountActivityItemResolvers<ContextType>;
  AccountRequestInfo?: AccountRequestInfoResolvers<ContextType>;
  Comment?: CommentResolvers<ContextType>;
  CompleteInvocationInput?: CompleteInvocationInputResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Identity?: IdentityResolvers<ContextType>;
  IdentityReference?: IdentityReferenceResolvers<ContextType>;
  IdentitySummary?: IdentitySummaryResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LocalizedMessage?: LocalizedMessageResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StartInvocationInput?: StartInvocationInputResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TriggerInvocationStatus?: TriggerInvocationStatusResolvers<ContextType>;
  TriggerInvocationStatusConnection?: TriggerInvocationStatusConnectionResolvers<ContextType>;
  TriggerInvocationStatusEdge?: TriggerInvocationStatusEdgeResolvers<ContextType>;
  Workflow?: WorkflowResolvers<ContextType>;
  WorkflowConnection?: WorkflowConnectionResolvers<ContextType>;
  WorkflowEdge?: WorkflowEdgeResolvers<ContextType>;
  WorkflowExecution?: WorkflowExecutionResolvers<ContextType>;
  WorkflowExecutionConnection?: WorkflowExecutionConnectionResolvers<ContextType>;
  WorkflowExecutionEdge?: WorkflowExecutionEdgeResolvers<ContextType>;
  WorkflowExecutionEvent?: WorkflowExecutionEventResolvers<ContextType>;
  WorkflowTrigger?: WorkflowTriggerResolvers<ContextType>;
};

