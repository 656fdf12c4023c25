import {
  AcceptFriendRequestResult,
  BlockList,
  ErrorResponse,
  Friend,
  FriendList,
  FriendRequestList,
  Id,
  SendFriendRequestBody,
  SendFriendRequestResult,
  UpdateFriendBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { blockUser } from '../../actions/blocks/block-user.ts';
import { listBlocks } from '../../actions/blocks/list-blocks.ts';
import { unblockUser } from '../../actions/blocks/unblock-user.ts';
import { acceptFriendRequest } from '../../actions/friends/accept-request.ts';
import { cancelFriendRequest } from '../../actions/friends/cancel-request.ts';
import { declineFriendRequest } from '../../actions/friends/decline-request.ts';
import { listFriends } from '../../actions/friends/list-friends.ts';
import { listFriendRequests } from '../../actions/friends/list-requests.ts';
import { removeFriend } from '../../actions/friends/remove-friend.ts';
import { sendFriendRequest } from '../../actions/friends/send-request.ts';
import { updateFriend } from '../../actions/friends/update-friend.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const security = [{ bearer: [] }];
const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};
const byId = z.strictObject({ id: Id });
const byUserId = z.strictObject({ userId: Id });
const noContent = { 204: z.null(), ...refusals };

/** Friend requests, friends and blocks: the caller's own social graph. */
export const friendRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  const requests = { tags: ['friends'], security };
  const blocks = { tags: ['blocks'], security };

  app.post(
    '/friend-requests',
    {
      schema: {
        ...requests,
        summary: 'Ask a user to be friends (accepts their request if they asked first)',
        body: SendFriendRequestBody,
        response: { 200: SendFriendRequestResult, 201: SendFriendRequestResult, ...refusals },
      },
    },
    async (request, reply) => {
      const result = await sendFriendRequest(services, actorOf(request), request.body);
      return reply.status(result.status === 'pending' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/friend-requests',
    {
      schema: {
        ...requests,
        summary: 'My pending friend requests, incoming and outgoing',
        response: { 200: FriendRequestList, ...refusals },
      },
    },
    async (request) => listFriendRequests(services, actorOf(request)),
  );

  app.post(
    '/friend-requests/:id/accept',
    {
      schema: {
        ...requests,
        summary: 'Accept a friend request sent to me',
        params: byId,
        response: { 200: AcceptFriendRequestResult, ...refusals },
      },
    },
    async (request) => ({ friend: await acceptFriendRequest(services, actorOf(request), request.params.id) }),
  );

  app.post(
    '/friend-requests/:id/decline',
    {
      schema: {
        ...requests,
        summary: 'Decline a friend request sent to me',
        params: byId,
        response: noContent,
      },
    },
    async (request, reply) => {
      await declineFriendRequest(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/friend-requests/:id',
    { schema: { ...requests, summary: 'Withdraw my friend request', params: byId, response: noContent } },
    async (request, reply) => {
      await cancelFriendRequest(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/friends',
    { schema: { ...requests, summary: 'My friends', response: { 200: FriendList, ...refusals } } },
    async (request) => listFriends(services, actorOf(request)),
  );

  app.patch(
    '/friends/:userId',
    {
      schema: {
        ...requests,
        summary: 'Set my private remark for a friend',
        params: byUserId,
        body: UpdateFriendBody,
        response: { 200: Friend, ...refusals },
      },
    },
    async (request) => updateFriend(services, actorOf(request), request.params.userId, request.body),
  );

  app.delete(
    '/friends/:userId',
    { schema: { ...requests, summary: 'End a friendship', params: byUserId, response: noContent } },
    async (request, reply) => {
      await removeFriend(services, actorOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/blocks',
    { schema: { ...blocks, summary: 'People I have blocked', response: { 200: BlockList, ...refusals } } },
    async (request) => listBlocks(services, actorOf(request)),
  );

  app.put(
    '/blocks/:userId',
    {
      schema: {
        ...blocks,
        summary: 'Block a user (they are not told)',
        params: byUserId,
        response: noContent,
      },
    },
    async (request, reply) => {
      await blockUser(services, actorOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/blocks/:userId',
    { schema: { ...blocks, summary: 'Unblock a user', params: byUserId, response: noContent } },
    async (request, reply) => {
      await unblockUser(services, actorOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );
};
