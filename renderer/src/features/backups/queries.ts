// The query-cache key under which the backups page keeps the list and the schedule.
export const BACKUPS_KEY = ['backups'] as const;
