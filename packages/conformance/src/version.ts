/** The package version, reported in every run report. */
export const VERSION = '0.1.0';
