/**
 * @parley/sdk: the one place the Parley protocol is spoken from the client side. See the
 * package README for how the pieces fit: ParleyClient (client.ts) holds an HttpClient
 * (http.ts) and opens Connections (connection.ts); every failure is a ParleyError (errors.ts).
 */
export type { CreateGroupParams, SearchGroupsParams } from './api/groups.ts';
export type { ChangesPage, HistoryPage, SearchMessagesParams } from './api/messages.ts';
export type { ExportDataOptions, ExportedData } from './api/export-data.ts';
export type { UploadOptions, UploadSource, UploadTask } from './api/uploads.ts';
export * from './backoff.ts';
export * from './client-msg-id.ts';
export * from './client.ts';
export * from './connection.ts';
export type * from './connection-types.ts';
export * from './emitter.ts';
export * from './errors.ts';
export * from './frames.ts';
export * from './http.ts';
export * from './state/index.ts';
export * from './websocket.ts';
export * from './session/index.ts';
