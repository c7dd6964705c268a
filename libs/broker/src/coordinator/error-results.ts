import type { ErrorCode } from '../protocol/error-codes';
import type { JoinGroupResult, SyncGroupResult } from './group-coordinator';

/** A JoinGroup answer carrying only an error (and, for MEMBER_ID_REQUIRED, the new id). */
export function joinError(memberId: string, errorCode: ErrorCode): JoinGroupResult {
  return { errorCode, generationId: -1, protocolName: '', leader: '', memberId, members: [] };
}

export function syncError(errorCode: ErrorCode): SyncGroupResult {
  return { errorCode, assignment: Buffer.alloc(0) };
}
