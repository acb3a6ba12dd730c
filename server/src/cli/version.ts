/** The CLI's version (package.json's), printed by --version and written into SARIF. */
export const VERSION = '0.1.0';
