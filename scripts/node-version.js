// @ts-check
// Plain JavaScript, run by node itself: `npm start` says which Node it needs before loading anything else.

/**
 * Whether `version` (`v22.12.0` or `22.12.0`) satisfies `range`, an `engines.node` made of
 * `^major.minor` terms joined by `||` (`^22.12 || ^24`): the same major, at or above that minor.
 * @param {string} version
 * @param {string} range
 */
export function nodeSatisfies(version, range) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return range.split('||').some((term) => {
    const match = term.trim().match(/^\^(\d+)(?:\.(\d+))?/);
    if (!match) throw new Error(`engines.node term "${term.trim()}" is not of the form ^major.minor`);
    return major === Number(match[1]) && minor >= Number(match[2] ?? 0);
  });
}

/**
 * One line for a Node outside the supported range (the versions CI runs the suite on), or nothing.
 * @param {string} version `process.version`
 * @param {string} range `engines.node` of package.json
 */
export function unsupportedNodeNote(version, range) {
  if (nodeSatisfies(version, range)) return undefined;
  const supported = range
    .split('||')
    .map((t) => t.trim().replace(/^\^/, ''))
    .join(' or ');
  return `Node.js ${version.replace(/^v/, '')} is not supported: Opsdesk is tested on Node.js ${supported} (a newer release of the same major line).`;
}
