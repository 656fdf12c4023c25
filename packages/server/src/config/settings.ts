import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting Parley reads: its environment variable, its key in the optional JSON config
 * file, its default and meaning. The README's configuration table is written from this list;
 * keep them in step.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
/** 10.0.0.5, ::1, 10.0.0.0/8 or fd00::/8, with a prefix length that fits the address. */
function isAddressOrCidr(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
/** "a, b,,c" → ['a', 'b', 'c']. */
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const port = z.coerce.number().int().min(0).max(65535);

export const settings = {
  port: {
    env: 'PARLEY_PORT',
    schema: port,
    default: '8080',
    doc: 'TCP port for HTTP and WebSocket (0 picks a free port).',
  },
  host: {
    env: 'PARLEY_HOST',
    schema: z.string().min(1),
    default: '0.0.0.0',
    doc: 'Address to listen on; 127.0.0.1 keeps Parley private to this machine.',
  },
  dataDir: {
    env: 'PARLEY_DATA_DIR',
    schema: z.string().min(1),
    default: './data',
    doc: 'Folder for the SQLite file and uploads; created if missing.',
  },
  databaseUrl: {
    env: 'PARLEY_DATABASE_URL',
    schema: z
      .string()
      .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'sqlite:<file> or postgres://user@host/db')
      .optional(),
    default: undefined,
    doc: 'sqlite:<path> or postgres://…; default is sqlite:<dataDir>/parley.db.',
  },
  sqliteSync: {
    env: 'PARLEY_SQLITE_SYNC',
    schema: z.enum(['normal', 'full']),
    default: 'normal',
    doc: 'SQLite only. normal: a killed or crashed Parley loses nothing acknowledged, but an OS crash or power cut may lose the last commits; full: every commit waits for the disk, so those survive too, at a cost (docs/reliability.md).',
  },
  registration: {
    env: 'PARLEY_REGISTRATION',
    schema: z.enum(['open', 'invite', 'closed']),
    default: 'open',
    doc: 'open: anyone may register; invite: only with an invite code from an admin; closed: nobody (the first account is always allowed).',
  },
  dmPolicy: {
    env: 'PARLEY_DM_POLICY',
    schema: z.enum(['friends', 'anyone']),
    default: 'friends',
    doc: 'Who may open a direct conversation with a user: only their friends, or anyone they have not blocked.',
  },
  lobby: {
    env: 'PARLEY_LOBBY',
    schema: bool,
    default: 'true',
    doc: 'true: a public room every user joins on registration, with join/leave notices.',
  },
  maxGroupSize: {
    env: 'PARLEY_MAX_GROUP_SIZE',
    schema: z.coerce.number().int().min(2).max(100_000),
    default: '2000',
    doc: 'Most members a group may have (the lobby has no limit).',
  },
  recallWindowSeconds: {
    env: 'PARLEY_RECALL_WINDOW_SECONDS',
    schema: z.coerce.number().int().min(0).max(86_400),
    default: '120',
    doc: 'How long after sending a user may recall (withdraw) their own message; group admins may recall any message at any time.',
  },
  imageMaxMb: {
    env: 'PARLEY_IMAGE_MAX_MB',
    schema: z.coerce.number().int().min(1).max(1024),
    default: '20',
    doc: 'Largest image upload, in MB (2^20 bytes); larger is refused with too_large.',
  },
  voiceMaxMb: {
    env: 'PARLEY_VOICE_MAX_MB',
    schema: z.coerce.number().int().min(1).max(1024),
    default: '5',
    doc: 'Largest voice message upload, in MB.',
  },
  voiceMaxSeconds: {
    env: 'PARLEY_VOICE_MAX_SECONDS',
    schema: z.coerce.number().int().min(1).max(3600),
    default: '60',
    doc: 'Longest voice message, in seconds (read from the recording on the server).',
  },
  fileMaxMb: {
    env: 'PARLEY_FILE_MAX_MB',
    schema: z.coerce.number().int().min(1).max(2047),
    default: '200',
    doc: 'Largest file upload (any type), in MB (at most 2047).',
  },
  imageMaxPixels: {
    env: 'PARLEY_IMAGE_MAX_PIXELS',
    schema: z.coerce.number().int().min(1_000_000).max(1_000_000_000),
    default: '50000000',
    doc: 'Most pixels an uploaded image may have (width × height); more is refused as a possible decompression bomb.',
  },
  uploadQuotaMb: {
    env: 'PARLEY_UPLOAD_QUOTA_MB',
    schema: z.coerce.number().int().min(0).max(100_000_000),
    default: '2048',
    doc: "Storage each user's uploads may take, in MB (0: no limit). Past it uploads are refused with quota_exceeded.",
  },
  singleSession: {
    env: 'PARLEY_SINGLE_SESSION',
    schema: bool,
    default: 'false',
    doc: 'true: a new login signs the user out everywhere else ("logged in elsewhere").',
  },
  allowedOrigins: {
    env: 'PARLEY_ALLOWED_ORIGINS',
    schema: commaList.pipe(z.array(z.url())),
    default: '',
    doc: 'Comma-separated extra origins allowed to open the WebSocket (the server’s own origin always is).',
  },
  trustProxy: {
    env: 'PARLEY_TRUST_PROXY',
    schema: z
      .string()
      .trim()
      .refine(
        (v) => v !== 'true',
        'name the proxy (its address, or a hop count) instead of trusting everyone',
      )
      .refine(
        (v) =>
          v === 'false' ||
          /^\d{1,2}$/.test(v) ||
          v.split(',').every((a) => isIP(a.trim().split('/')[0]!) !== 0),
        'false, a hop count such as 1, or comma-separated proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8',
      )
      .transform((v) => (v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
    default: 'false',
    doc: 'Behind a reverse proxy: its address(es) or CIDRs, or the number of proxy hops; then the client address comes from X-Forwarded-For.',
  },
  sessionIdleDays: {
    env: 'PARLEY_SESSION_IDLE_DAYS',
    schema: z.coerce.number().int().min(1).max(3650),
    default: '30',
    doc: 'A device session unused for this many days is signed out.',
  },
  heartbeatMs: {
    env: 'PARLEY_HEARTBEAT_MS',
    schema: z.coerce.number().int().min(1000).max(300_000),
    default: '25000',
    doc: 'WebSocket ping interval; a socket that misses a whole interval is dropped.',
  },
  loginMaxFailures: {
    env: 'PARLEY_LOGIN_MAX_FAILURES',
    schema: z.coerce.number().int().min(1).max(1000),
    default: '10',
    doc: 'Failed logins per account from one address per 15 minutes before that address is refused for it (per address over all accounts: 5×; per account from everywhere: a slowdown, never a refusal).',
  },
  requestsPerMinute: {
    env: 'PARLEY_REQUESTS_PER_MINUTE',
    schema: z.coerce.number().int().min(10).max(1_000_000),
    default: '600',
    doc: 'Requests (REST calls and WebSocket frames) allowed per minute per signed-in session; one address may make ten times as many.',
  },
  registrationsPerHour: {
    env: 'PARLEY_REGISTRATIONS_PER_HOUR',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: '20',
    doc: 'Accounts one address may register per hour (slows sign-up bots).',
  },
  passwordHashCost: {
    env: 'PARLEY_PASSWORD_HASH_COST',
    schema: z.coerce.number().int().min(12).max(20),
    default: '17',
    doc: 'scrypt cost as log2(N) (17 = OWASP’s recommendation). Lower only for tests.',
  },
  logLevel: {
    env: 'PARLEY_LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'Log verbosity (logs are JSON lines on standard output).',
  },
  redisUrl: {
    env: 'PARLEY_REDIS_URL',
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'redis://host:port[/db] or rediss://… (TLS)')
      .optional(),
    default: undefined,
    doc: 'Several nodes: redis://host:port of the Redis that carries events, presence and rate limits between them (needs PostgreSQL). Unset: one node, all in memory.',
  },
  redisPrefix: {
    env: 'PARLEY_REDIS_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - (at most 64)'),
    default: 'parley:',
    doc: 'Start of every Redis key and channel Parley uses, so one Redis can serve several installations.',
  },
  blobStore: {
    env: 'PARLEY_BLOB_STORE',
    schema: z
      .string()
      .min(1)
      .refine(
        (v) => !v.startsWith('s3:') || /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/.test(v),
        's3://bucket or s3://bucket/prefix (a valid bucket name)',
      )
      .optional(),
    default: undefined,
    doc: 'Where uploaded files live: a folder (shared by every node in a cluster) or s3://bucket/prefix on any S3-compatible service; default <dataDir>/blobs.',
  },
  s3Endpoint: {
    env: 'PARLEY_S3_ENDPOINT',
    schema: z.url().optional(),
    default: undefined,
    doc: 'With an s3:// blob store: the service URL (MinIO, Ceph, Garage…); unset for Amazon S3.',
  },
  s3Region: {
    env: 'PARLEY_S3_REGION',
    schema: z.string().min(1),
    default: 'us-east-1',
    doc: 'With an s3:// blob store: the region.',
  },
  s3AccessKeyId: {
    env: 'PARLEY_S3_ACCESS_KEY_ID',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'With an s3:// blob store: the access key (unset: the AWS SDK’s usual sources, such as AWS_ACCESS_KEY_ID).',
  },
  s3SecretAccessKey: {
    env: 'PARLEY_S3_SECRET_ACCESS_KEY',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'With an s3:// blob store: the secret key.',
  },
  s3ForcePathStyle: {
    env: 'PARLEY_S3_FORCE_PATH_STYLE',
    schema: bool,
    default: 'true',
    doc: 'With an s3:// blob store: address buckets as endpoint/bucket (what most self-hosted services need) rather than bucket.endpoint.',
  },
  metricsToken: {
    env: 'PARLEY_METRICS_TOKEN',
    schema: z.string().min(16, 'at least 16 characters').optional(),
    default: undefined,
    doc: 'Lets Prometheus read /metrics with Authorization: Bearer <token>.',
  },
  metricsAllow: {
    env: 'PARLEY_METRICS_ALLOW',
    schema: commaList.refine(
      (list) => list.every(isAddressOrCidr),
      'comma-separated addresses or CIDRs such as 10.0.0.0/8',
    ),
    default: '',
    doc: 'Addresses (or CIDRs) that may read /metrics without the token. With neither set, /metrics is closed.',
  },
  drainSeconds: {
    env: 'PARLEY_DRAIN_SECONDS',
    schema: z.coerce.number().int().min(0).max(600),
    default: '10',
    doc: 'On SIGTERM, how long running sends and requests get to finish after sockets are told to reconnect elsewhere.',
  },
  pushSubject: {
    env: 'PARLEY_PUSH_SUBJECT',
    schema: z
      .string()
      .regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, 'mailto:you@example.org or an https:// URL')
      .optional(),
    default: undefined,
    doc: 'Web Push: who the push services (Google, Mozilla, Apple…) may contact about this server’s notifications, mailto: or https://; unset: mailto:parley@localhost, which Apple’s service may refuse.',
  },
  pushHttpLoopback: {
    env: 'PARLEY_PUSH_HTTP_LOOPBACK',
    schema: bool,
    default: 'false',
    doc: 'Tests only: accept push subscriptions whose endpoint is http:// on a loopback address (a stand-in push service). Real ones are https on a public host.',
  },
  webDir: {
    env: 'PARLEY_WEB_DIR',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'Folder of the built web client to serve at /; default apps/web/dist.',
  },
} as const;

export type SettingKey = keyof typeof settings;
export type Config = { [K in SettingKey]: z.output<(typeof settings)[K]['schema']> };
