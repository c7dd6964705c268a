import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Codec, Infer } from '../../primitives';
import { adaptedCodec } from '../adapted-codec';
import { leaveGroupRequestV0 } from './v0/request';
import { leaveGroupResponseV0 } from './v0/response';
import { leaveGroupRequestV1 } from './v1/request';
import { leaveGroupResponseV1 } from './v1/response';
import { leaveGroupRequestV2 } from './v2/request';
import { leaveGroupResponseV2 } from './v2/response';
import { leaveGroupRequestV3 } from './v3/request';
import { leaveGroupResponseV3 } from './v3/response';

export type LeaveGroupRequest = Infer<typeof leaveGroupRequestV3>;
export type LeaveGroupResponse = Infer<typeof leaveGroupResponseV3>;

/** v0-2 name the one member that leaves; v3 (KIP-345 batch leave) lists members. */
function asMemberList(
  wire: Codec<{ groupId: string; memberId: string }>,
): Codec<LeaveGroupRequest> {
  return adaptedCodec(
    wire,
    ({ groupId, memberId }) => ({ groupId, members: [{ memberId, groupInstanceId: null }] }),
    ({ groupId, members }) => {
      const [only] = members;
      if (members.length !== 1 || only === undefined) {
        throw new RangeError(`LeaveGroup v0-2 carries one member, not ${members.length}`);
      }
      return { groupId, memberId: only.memberId };
    },
  );
}

/** v0-2 have no per-member errors: the leaving member's error is the response's error. */
function withMemberError(wire: Codec<unknown>): Codec<LeaveGroupResponse> {
  return adaptedCodec(
    wire,
    (value) => value as LeaveGroupResponse,
    (response) => ({
      ...response,
      // Older-shaped responses (tests, tools) may carry no members list.
      errorCode:
        response.errorCode ||
        (response.members as LeaveGroupResponse['members'] | undefined)?.[0]?.errorCode ||
        0,
    }),
  );
}

export const leaveGroupApi = defineApi<LeaveGroupRequest, LeaveGroupResponse>({
  key: ApiKey.LeaveGroup,
  name: 'LeaveGroup',
  versions: {
    0: {
      request: asMemberList(leaveGroupRequestV0),
      response: withMemberError(leaveGroupResponseV0),
    },
    1: {
      request: asMemberList(leaveGroupRequestV1),
      response: withMemberError(leaveGroupResponseV1),
    },
    2: {
      request: asMemberList(leaveGroupRequestV2),
      response: withMemberError(leaveGroupResponseV2),
    },
    3: { request: leaveGroupRequestV3, response: leaveGroupResponseV3 },
  },
});
