import { baseUrl, fetchJson, type FetchJson } from './dingtalk/fetch-json.js';

export { baseUrl };

/** One line of `npm run doctor`: what was checked, how it went, and (when not passed) what to do. */
export interface DoctorCheck {
  /** What was checked, in Chinese (e.g. 「飞书应用凭证」). */
  name: string;
  /** ok = passed; fail = a required part is missing (exit code 1); warn = worth knowing, not required. */
  status: 'ok' | 'fail' | 'warn';
  /** What was seen (the platform's answer), for the operator. */
  detail?: string;
  /** Where to click what, in Chinese. */
  fix?: string;
}

/** Shared by the platform checks: an HTTP call that answers status and JSON (never throws on an HTTP error). */
export type DoctorFetch = FetchJson;
export const doctorFetch: DoctorFetch = fetchJson;

export const ok = (name: string, detail?: string): DoctorCheck => ({ name, status: 'ok', ...(detail ? { detail } : {}) });
export const fail = (name: string, detail: string, fix: string): DoctorCheck => ({ name, status: 'fail', detail, fix });
export const warn = (name: string, detail: string, fix?: string): DoctorCheck => ({ name, status: 'warn', detail, ...(fix ? { fix } : {}) });

/** Why a call got no answer (network, DNS, timeout), in one line. */
export function unreachable(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `无法连接：${String(e.message ?? err)}${cause ? `（${String(cause)}）` : ''}`;
}

const MARK: Record<DoctorCheck['status'], string> = { ok: '✅', fail: '❌', warn: '⚠️' };

/** The printed lines of a check: the verdict, then what was seen and what to do, indented. */
export function formatCheck(c: DoctorCheck): string {
  const lines = [`${MARK[c.status]} ${c.name}${c.detail ? `：${c.detail}` : ''}`];
  if (c.fix) lines.push(`   → ${c.fix}`);
  return lines.join('\n');
}

/** 1 when a required check failed, else 0. */
export const doctorExitCode = (checks: DoctorCheck[]): number => (checks.some((c) => c.status === 'fail') ? 1 : 0);
