import { ObjectId } from 'bson';

/** 24 lowercase hex characters, time-ordered (ObjectId layout: seconds, random, counter). */
export function newId(): string {
  return new ObjectId().toHexString();
}

export const ID_PATTERN = /^[0-9a-f]{24}$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
