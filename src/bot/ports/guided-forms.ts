import type { ActionValue, FormInput } from '../../../cards/model.js';
import type { PlatformName } from '../../usecases/ports/platform.js';

/** A form being filled question by question in a 1:1 chat. */
export interface GuidedFormSession {
  id: string;
  platform: PlatformName;
  /** The person's id on that platform (what the messenger addresses). */
  userKey: string;
  title: string;
  inputs: FormInput[];
  submit: ActionValue;
  answers: Record<string, string | string[] | boolean>;
  /** The index of the input being asked. */
  step: number;
  startedAt: Date;
  expiresAt: Date;
}

export interface GuidedFormStore {
  /** The person's unexpired session on the platform. */
  current(platform: PlatformName, userKey: string, now: Date): Promise<GuidedFormSession | null>;
  /** Starts (replacing any earlier one) or saves a session. */
  save(session: GuidedFormSession): Promise<void>;
  remove(platform: PlatformName, userKey: string): Promise<void>;
}
