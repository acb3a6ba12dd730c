/** Custom messages shared by the client and the server. */

/** Server → client: what the server is doing, for the status item. */
export const StatusNotification = 'policyBrief/status';
export interface StatusParams {
  state: 'ok' | 'busy' | 'warning' | 'error';
  /** Short text for the status item's tooltip. */
  message: string;
}

/** Command ids, registered by the server (executeCommand) or by the client. */
export const Commands = {
  restartServer: 'policyBrief.restartServer',
  openCitedSource: 'policyBrief.openCitedSource',
  insertFootnote: 'policyBrief.insertFootnote',
  renumberFootnotes: 'policyBrief.renumberFootnotes',
  showOutput: 'policyBrief.showOutput',
} as const;

/** Languages the client hands to the server. */
export const DOCUMENT_SELECTOR_LANGUAGES = ['policy-brief', 'markdown', 'plaintext'] as const;
