/** The shape of a workflow template, and the step builders the templates share. */

export type StepKind = 'action' | 'loop' | 'operator';

export interface StepTemplate {
  name: string;
  actionId: string;
  kind?: StepKind;
  attributes: Record<string, unknown>;
}

export type TriggerTemplate =
  | { type: 'EVENT'; displayName: string; attributes: Record<string, unknown> }
  | { type: 'EXTERNAL'; displayName: string; description: string }
  | { type: 'SCHEDULED'; displayName: string; attributes: Record<string, unknown> }
  | { type: '' };

export interface WorkflowTemplate {
  name: string;
  description: string;
  trigger: TriggerTemplate;
  steps: StepTemplate[];
  /** Name suffixes; each makes one workflow. */
  variants: readonly string[];
  /** Relative execution volume (0 = never ran). */
  rate: number;
  enabled?: boolean;
  /** The one workflow with more than 600 executions in the retention window. */
  busiest?: boolean;
}

export const email = (subject: string, to = '$.identity.id'): StepTemplate => ({
  name: 'Send Email',
  actionId: 'sp:send-email',
  attributes: {
    'recipientId.$': to,
    subject,
    body: `Hello, ${subject.toLowerCase()}.`,
    from: 'no-reply@example.com',
  },
});
export const getIdentity: StepTemplate = {
  name: 'Get Identity',
  actionId: 'sp:get-identity',
  attributes: { 'id.$': '$.trigger.identity.id' },
};
export const http = (name: string, url: string): StepTemplate => ({
  name,
  actionId: 'sp:http',
  attributes: { method: 'post', url, requestContentType: 'json', authenticationType: 'OAuth' },
});
