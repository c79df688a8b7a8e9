/**
 * Jira Cloud's built-in permission keys, with the ids and names `GET /rest/api/3/permissions` gives.
 * Jira answers 400 for a key it does not know, so the emulator needs the full list, not only the
 * keys our app asks for.
 */
interface PermissionDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

const GLOBAL = {
  ADMINISTER: { id: '0', name: 'Administer Jira', description: 'Ability to perform most administration functions (excluding Import & Export, SMTP Configuration, etc.).' },
  SYSTEM_ADMIN: { id: '44', name: 'Jira System Administrators', description: 'Ability to perform all administration functions.' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', description: 'Ability to select a user or group from a popup window.' },
  CREATE_SHARED_OBJECTS: { id: '22', name: 'Create Shared Objects', description: 'Ability to share dashboards and filters with other users, groups and roles.' },
  MANAGE_GROUP_FILTER_SUBSCRIPTIONS: { id: '24', name: 'Manage Group Filter Subscriptions', description: 'Ability to manage (create and delete) group filter subscriptions.' },
  BULK_CHANGE: { id: '33', name: 'Make bulk changes', description: 'Ability to modify a collection of issues at once.' },
} as const satisfies Record<string, PermissionDefinition>;

const PROJECT = {
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', description: 'Ability to administer a project in Jira.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.' },
  VIEW_DEV_TOOLS: { id: '29', name: 'View Development Tools', description: 'Allows users in a software project to view development-related information on the issue.' },
  VIEW_READONLY_WORKFLOW: { id: '45', name: 'View Read-Only Workflow', description: 'Users with this permission may view a read-only version of a workflow.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', description: 'Ability to transition issues.' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', description: 'Ability to view or edit an issue\'s due date.' },
  MOVE_ISSUES: { id: '25', name: 'Move Issues', description: 'Ability to move issues between projects or between workflows of the same project.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', description: 'Ability to assign issues to other people.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', description: 'Users with this permission may be assigned to issues.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', description: 'Ability to resolve and reopen issues.' },
  CLOSE_ISSUES: { id: '18', name: 'Close Issues', description: 'Ability to close issues.' },
  MODIFY_REPORTER: { id: '30', name: 'Modify Reporter', description: 'Ability to modify the reporter when creating or editing an issue.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', description: 'Ability to delete issues.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', description: 'Ability to link issues together.' },
  SET_ISSUE_SECURITY: { id: '26', name: 'Set Issue Security', description: 'Ability to set the level of security on an issue.' },
  MANAGE_WATCHERS: { id: '32', name: 'Manage Watchers', description: 'Ability to manage the watchers of an issue.' },
  VIEW_VOTERS_AND_WATCHERS: { id: '31', name: 'View Voters and Watchers', description: 'Ability to view the voters and watchers of an issue.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', description: 'Ability to comment on issues.' },
  EDIT_ALL_COMMENTS: { id: '34', name: 'Edit All Comments', description: 'Ability to edit all comments made on issues.' },
  EDIT_OWN_COMMENTS: { id: '35', name: 'Edit Own Comments', description: 'Ability to edit own comments made on issues.' },
  DELETE_ALL_COMMENTS: { id: '36', name: 'Delete All Comments', description: 'Ability to delete all comments made on issues.' },
  DELETE_OWN_COMMENTS: { id: '37', name: 'Delete Own Comments', description: 'Ability to delete own comments made on issues.' },
  CREATE_ATTACHMENTS: { id: '19', name: 'Create Attachments', description: 'Users with this permission may create attachments.' },
  DELETE_ALL_ATTACHMENTS: { id: '38', name: 'Delete All Attachments', description: 'Users with this permission may delete all attachments.' },
  DELETE_OWN_ATTACHMENTS: { id: '39', name: 'Delete Own Attachments', description: 'Users with this permission may delete own attachments.' },
  WORK_ON_ISSUES: { id: '20', name: 'Work On Issues', description: 'Ability to log work done against an issue.' },
  EDIT_OWN_WORKLOGS: { id: '40', name: 'Edit Own Worklogs', description: 'Ability to edit own worklogs made on issues.' },
  EDIT_ALL_WORKLOGS: { id: '41', name: 'Edit All Worklogs', description: 'Ability to edit all worklogs made on issues.' },
  DELETE_OWN_WORKLOGS: { id: '42', name: 'Delete Own Worklogs', description: 'Ability to delete own worklogs made on issues.' },
  DELETE_ALL_WORKLOGS: { id: '43', name: 'Delete All Worklogs', description: 'Ability to delete all worklogs made on issues.' },
  // Jira Software's permission; its numeric id is not published, so this one is made up.
  MANAGE_SPRINTS_PERMISSION: { id: '-1', name: 'Manage sprints', description: 'Ability to manage sprints.' },
} as const satisfies Record<string, PermissionDefinition>;

export type GlobalPermissionKey = keyof typeof GLOBAL;
export type ProjectPermissionKey = keyof typeof PROJECT;
export type PermissionKey = GlobalPermissionKey | ProjectPermissionKey;

export interface PermissionInfo extends PermissionDefinition {
  readonly key: PermissionKey;
  readonly type: 'GLOBAL' | 'PROJECT';
}

export function isGlobalPermission(key: string): key is GlobalPermissionKey {
  return Object.hasOwn(GLOBAL, key);
}

export function isProjectPermission(key: string): key is ProjectPermissionKey {
  return Object.hasOwn(PROJECT, key);
}

export function permissionInfo(key: string): PermissionInfo | undefined {
  if (isGlobalPermission(key)) return { key, type: 'GLOBAL', ...GLOBAL[key] };
  if (isProjectPermission(key)) return { key, type: 'PROJECT', ...PROJECT[key] };
  return undefined;
}

export const ALL_PROJECT_PERMISSIONS = Object.keys(PROJECT).filter(isProjectPermission);

/** Typical permission-scheme roles, so a test or the demo can seed a site in a line per user. */
export const PROJECT_ROLES = {
  viewer: ['BROWSE_PROJECTS', 'VIEW_DEV_TOOLS'],
  developer: [
    'BROWSE_PROJECTS',
    'VIEW_DEV_TOOLS',
    'CREATE_ISSUES',
    'EDIT_ISSUES',
    'TRANSITION_ISSUES',
    'ASSIGN_ISSUES',
    'ASSIGNABLE_USER',
    'ADD_COMMENTS',
    'LINK_ISSUES',
  ],
  administrator: ALL_PROJECT_PERMISSIONS,
} as const satisfies Record<string, readonly ProjectPermissionKey[]>;

export type ProjectRole = keyof typeof PROJECT_ROLES;
