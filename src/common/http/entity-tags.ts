/**
 * Entity tags and conditional requests (RFC 9110 §8.8.3, §13.1): a resource's `ETag` is its
 * version, quoted (`"7"`), strong, since one version has exactly one representation.
 */

/** The strong entity tag of a resource at this version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The tags listed in an If-Match / If-None-Match header, or '*' (any current representation). */
function listedTags(header: string): string[] | '*' {
  const value = header.trim();
  if (value === '*') return '*';
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/**
 * `If-None-Match` (weak comparison): true when the client's copy is current, so a GET answers
 * 304 Not Modified.
 */
export function noneMatchFails(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = listedTags(header);
  return tags === '*' || tags.some((tag) => tag.replace(/^W\//, '') === etag);
}

/**
 * `If-Match` (strong comparison) as the versions it accepts: undefined when the header is absent
 * or `*` (any version of an existing resource), else the versions named (`"7"`); weak tags and
 * tags of another form name none, so they never match.
 */
export function acceptedVersions(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const tags = listedTags(header);
  if (tags === '*') return undefined;
  return tags.flatMap((tag) => {
    const version = /^"(\d{1,15})"$/.exec(tag)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}
