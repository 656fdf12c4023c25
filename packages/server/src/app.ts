import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { closeCodes, limits } from '@parley/protocol';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  LogController,
} from 'fastify';
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import { MemberCache } from './access/member-cache.ts';
import { openApiOptions } from './http/openapi.ts';
import { openSeams } from './cluster/seams.ts';
import { ensureLobby } from './actions/conversations/ensure-lobby.ts';
import { loadStoredSettings, syncSettingsAcrossNodes } from './actions/server-settings/live-settings.ts';
import { ensureDefaultStickers } from './actions/stickers/ensure-default-stickers.ts';
import { SendBatcher } from './actions/messages/send-batcher.ts';
import { sweepMedia } from './actions/uploads/sweep-media.ts';
import { mediaFolders } from './media/folders.ts';
import { dummyHash } from './auth/passwords.ts';
import { databaseUrlOf } from './config/load.ts';
import { AppError } from './errors.ts';
import type { Config } from './config/settings.ts';
import { Gateway } from './gateway/gateway.ts';
import { registerGatewayRoute } from './gateway/route.ts';
import { answerClientError } from './http/client-errors.ts';
import { proxyTrust } from './http/proxy-trust.ts';
import { compressJsonAnswers } from './http/compress.ts';
import { installErrorHandling } from './http/errors.ts';
import { adminContentRoutes } from './http/routes/admin-content.ts';
import { adminServerRoutes } from './http/routes/admin-server.ts';
import { adminUserRoutes } from './http/routes/admin-users.ts';
import { authRoutes } from './http/routes/auth.ts';
import { reportRoutes } from './http/routes/reports.ts';
import { conversationRoutes } from './http/routes/conversations.ts';
import { friendRoutes } from './http/routes/friends.ts';
import { groupInvitationRoutes } from './http/routes/group-invitations.ts';
import { groupMemberRoutes } from './http/routes/group-members.ts';
import { groupRoutes } from './http/routes/groups.ts';
import { inviteRoutes } from './http/routes/invites.ts';
import { messageOperationsRoutes } from './http/routes/message-operations.ts';
import { messageRoutes } from './http/routes/messages.ts';
import { readStateRoutes } from './http/routes/read-state.ts';
import { settingsRoutes } from './http/routes/settings.ts';
import { searchRoutes } from './http/routes/search.ts';
import { presenceRoutes } from './http/routes/presence.ts';
import { pushRoutes } from './http/routes/push.ts';
import { meRoutes } from './http/routes/me.ts';
import { exportRoutes } from './http/routes/export.ts';
import { serverInfoRoutes } from './http/routes/server-info.ts';
import { metricsRoutes } from './http/routes/metrics.ts';
import { operationsRoutes } from './http/routes/operations.ts';
import { createMetrics } from './metrics/metrics.ts';
import { PushSender } from './push/push-sender.ts';
import { type VapidKeys, loadVapidKeys } from './push/vapid-keys.ts';
import { avatarRoutes } from './http/routes/avatars.ts';
import { mediaRoutes } from './http/routes/media.ts';
import { uploadRoutes } from './http/routes/uploads.ts';
import { stickerImageRoutes, stickerRoutes } from './http/routes/stickers.ts';
import { userRoutes } from './http/routes/users.ts';
import { inlineScriptSources, serveWebClient } from './http/web.ts';
import { type Services, createLimiters } from './services.ts';
import { openStore } from './store/connect.ts';
import { migrateToLatest } from './store/migrate.ts';
import { version } from './version.ts';

const mediaSweepIntervalMs = 10 * 60 * 1000;

export interface Parley {
  app: FastifyInstance;
  services: Services;
  gateway: Gateway;
  /** Every route this node answers, as registered: test/api/openapi.test.ts finds each in the OpenAPI document. */
  routes: readonly { method: string; url: string }[];
  /** Listens on the configured host and port; resolves to the base URL (http://host:port). */
  listen(): Promise<string>;
  /** Closes sockets (1001) and records their departure, stops accepting requests, then closes the database. */
  close(): Promise<void>;
}

/**
 * Builds a whole Parley node from its configuration: opens and migrates the store, then wires
 * the bus, presence, gateway and routes. Nothing listens until `listen()`. See docs/architecture.md.
 */
export async function createParley(
  config: Config,
  log: Logger = pino({ level: config.logLevel }),
): Promise<Parley> {
  const store = openStore(
    databaseUrlOf(config),
    (err) => log.warn({ err }, 'lost an idle database connection; it will be replaced'),
    config.sqliteSync,
  );
  // Opened once, inside the try: a blob store that cannot be used fails the start cleanly.
  let media: Awaited<ReturnType<typeof mediaFolders>>;
  let vapidKeys: VapidKeys;
  try {
    await migrateToLatest(store.db);
    store.search.start();
    // Settings an admin changed in the console win over the environment (live-settings.ts).
    await loadStoredSettings(store.db, config);
    if (config.lobby) await ensureLobby(store.db);
    media = await mediaFolders(config);
    await ensureDefaultStickers(store.db, media);
    vapidKeys = await loadVapidKeys(config, store);
  } catch (err) {
    await store.close();
    throw err;
  }
  // Before the bus, which reports its lag and dropped publishes to it (metrics.observeBusLag,
  // metrics.busDropped). The socket count is read at scrape time, by when the gateway exists.
  const metrics = createMetrics({ openSockets: () => gateway.fanout.size, pool: store.pool });
  // One node or several: the bus, presence and blob lock (cluster/seams.ts).
  const { nodeId, redis, bus, presence, blobLock } = openSeams(config, log, metrics, () =>
    gateway.missedEvents(),
  );
  const members = new MemberCache();
  const push = new PushSender(
    // The gateway exists by the time a message is stored.
    { store, presence, log, connectedHere: (userId) => gateway.fanout.hasUser(userId) },
    { keys: vapidKeys, subject: config.pushSubject ?? 'mailto:parley@localhost' },
  );
  const services: Services = {
    config,
    nodeId,
    redis,
    store,
    bus,
    presence,
    ...createLimiters(config, redis),
    log,
    members,
    // SQLite has one connection, so one lane; PostgreSQL lanes leave most of the pool to the rest.
    sends: new SendBatcher(
      {
        store,
        members,
        config,
        bus,
        log,
        metrics,
        onStored: (row, storedFor) => push.messageStored(row, storedFor),
      },
      store.dialect === 'sqlite' ? 1 : 4,
    ),
    push,
    ...media,
    blobLock,
    metrics,
    draining: false,
  };
  const gateway = new Gateway(services);
  const stopSettingsSync = syncSettingsAcrossNodes(services);
  // Made now, not on the first login for an unknown name, which would otherwise take twice as
  // long as any other failed login and give away that the name does not exist.
  await dummyHash(config.passwordHashCost);

  const trustProxy = proxyTrust(config.trustProxy);
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: limits.httpBodyMaxBytes,
    // The WebSocket upgrade reads the client's address with the same trust (gateway/upgrade.ts).
    trustProxy,
    // Requests Fastify cannot route (a broken %-escape in the path) get Parley's error body too.
    frameworkErrors: (err, _request, reply: FastifyReply) =>
      void reply.status(400).send({ error: { code: 'invalid_request', message: err.message } }),
    // Requests Node's parser refuses (headers past 16 KiB …) too (http/client-errors.ts).
    clientErrorHandler: answerClientError,
    // One line per request only when debugging; otherwise logs hold what needs attention.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  await app.register(fastifyHelmet, {
    // The web client and the API docs are the only pages; both load only their own files.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", ...inlineScriptSources(config.webDir)],
        'img-src': ["'self'", 'data:', 'blob:'],
        // blob: for a voice message played back before it is sent.
        'media-src': ["'self'", 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    strictTransportSecurity: false,
  });
  await app.register(fastifyRateLimit, {
    // Per address, ten sessions' worth: a whole class behind one school NAT shares an address.
    // Each signed-in session also has its own budget (http/session-rate-limit.ts).
    max: config.requestsPerMinute * 10,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    // Several nodes count together, so spreading requests over them buys nothing. This also
    // covers the per-route limits (registrations per hour). Redis away: let requests through.
    ...(redis && {
      redis: redis.commands,
      nameSpace: `${config.redisPrefix}request-limit:`,
      skipOnError: true,
    }),
    errorResponseBuilder: (_request, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError('rate_limited', `too many requests; try again in ${retryAfter} s`, { retryAfter });
    },
  });
  await app.register(fastifySwagger, openApiOptions(version));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyCookie);

  const servesPages = await serveWebClient(app, config.webDir);
  // Before every route below, so each refusal has Parley's body.
  installErrorHandling(app, servesPages);

  await app.register(mediaRoutes, { services });
  await app.register(avatarRoutes, { services });
  await app.register(stickerImageRoutes, { services });
  await app.register(metricsRoutes, { services });

  await app.register(
    async (api) => {
      // Before the routes: the plugin wraps each route as it is added.
      await compressJsonAnswers(api);
      await api.register(serverInfoRoutes, { services });
      await api.register(operationsRoutes, { services });
      await api.register(authRoutes, { services });
      await api.register(meRoutes, { services });
      await api.register(exportRoutes, { services });
      await api.register(userRoutes, { services });
      await api.register(inviteRoutes, { services });
      await api.register(conversationRoutes, { services });
      await api.register(presenceRoutes, { services });
      await api.register(pushRoutes, { services });
      await api.register(messageRoutes, { services });
      await api.register(messageOperationsRoutes, { services });
      await api.register(readStateRoutes, { services });
      await api.register(settingsRoutes, { services });
      await api.register(searchRoutes, { services });
      await api.register(friendRoutes, { services });
      await api.register(groupRoutes, { services });
      await api.register(groupMemberRoutes, { services });
      await api.register(groupInvitationRoutes, { services });
      await api.register(uploadRoutes, { services });
      await api.register(stickerRoutes, { services });
      await api.register(reportRoutes, { services });
      await api.register(adminUserRoutes, { services });
      await api.register(adminContentRoutes, { services });
      await api.register(adminServerRoutes, { services });
    },
    { prefix: '/api/v1' },
  );
  registerGatewayRoute(app, gateway, trustProxy);

  // Media nobody can reach any more leaves the disk (actions/uploads/sweep-media.ts).
  const sweeping = setInterval(() => {
    sweepMedia(services).catch((err: unknown) => log.error({ err }, 'media sweep failed'));
  }, mediaSweepIntervalMs);
  sweeping.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    services,
    gateway,
    routes,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    close() {
      // Once only: a second SIGTERM, or a test closing twice, waits for the first close.
      closing ??= (async () => {
        clearInterval(sweeping);
        // Readiness answers 503 from now on, so a load balancer stops sending work here.
        services.draining = true;
        const graceMs = config.drainSeconds * 1000;
        // In a cluster the clients reconnect to another node at once (1012); a lone node is going away (1001).
        await gateway.close({ code: services.redis ? closeCodes.draining : closeCodes.goingAway, graceMs });
        // Requests still running get the rest of the grace time to finish; then their connections
        // are cut, so a client that never finishes (or never reads) a request cannot hold up shutdown.
        const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
        await app.close();
        clearTimeout(cut);
        // Pushes for the last sends get what is left of the grace time; then the store closes.
        await push.close(graceMs);
        await stopSettingsSync();
        await presence.close();
        await bus.close();
        await redis?.close();
        await store.close();
      })();
      return closing;
    },
  };
}
