import Resolver from '@forge/resolver';
import { defineAppInfoResolvers } from './app-info';

const resolver = new Resolver();
defineAppInfoResolvers(resolver);

/** The one resolver function behind every Custom UI module (see manifest.yml `ui-resolver`). */
export const uiResolver = resolver.getDefinitions();
