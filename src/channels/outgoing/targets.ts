/** Special outbox targets understood by the chat adapters. */

/** Chat id meaning "every WeChat group the account is in (WECHAT_ROOMS allow-list applies)". */
export const ALL_GROUPS = '@groups';
