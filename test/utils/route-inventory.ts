import 'reflect-metadata';
import {
  type DynamicModule,
  type ForwardReference,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../../src/app.module';
import { IS_PUBLIC, REQUIRED_SCOPES } from '../../src/auth/auth.decorators';
import { validateEnvironment } from '../../src/config/environment.variables';
import { IDEMPOTENT_ANSWER } from '../../src/idempotency/idempotent.decorator';

/** One route handler of a controller, with the auth metadata the guards will read. */
export interface RouteInfo {
  controller: string;
  handler: string;
  method: string;
  path: string;
  isPublic: boolean;
  /** From the handler, else from the controller (as `Reflector.getAllAndOverride` reads them). */
  requiredScopes: string[] | undefined;
  /** Whether the handler declares its answer for Idempotency-Key (`@Idempotent`). */
  idempotent: boolean;
}

type ModuleRef = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

function isDynamicModule(ref: object): ref is DynamicModule {
  return 'module' in ref;
}

function isForwardReference(ref: object): ref is ForwardReference {
  return 'forwardRef' in ref;
}

/**
 * Every controller reachable from a module, by walking its imports (static `@Module` metadata and
 * dynamic-module properties alike). Nothing is instantiated, so no database is needed.
 */
export function controllersOf(root: ModuleRef): Type[] {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (ref: ModuleRef): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if (ref instanceof Promise) {
      throw new Error('route-inventory: async dynamic modules are not supported');
    }
    if (typeof ref === 'object' && isForwardReference(ref)) {
      visit((ref.forwardRef as () => ModuleRef)());
      return;
    }
    const moduleClass: Type = typeof ref === 'object' && isDynamicModule(ref) ? ref.module : ref;
    const dynamic: Partial<DynamicModule> =
      typeof ref === 'object' && isDynamicModule(ref) ? ref : {};
    const staticControllers =
      (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[] | undefined) ?? [];
    for (const controller of [...staticControllers, ...(dynamic.controllers ?? [])]) {
      controllers.add(controller);
    }
    const staticImports =
      (Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[] | undefined) ?? [];
    for (const imported of [...staticImports, ...((dynamic.imports ?? []) as ModuleRef[])]) {
      visit(imported);
    }
    if (moduleClass !== ref) visit(moduleClass);
  };
  visit(root);
  return [...controllers];
}

/** Every route handler of the given controllers, found by Nest's own route metadata. */
export function routesOf(controllers: Type[]): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    const classScopes = Reflect.getMetadata(REQUIRED_SCOPES, controller) as string[] | undefined;
    const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue; // not a route handler
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const handlerPublic = Reflect.getMetadata(IS_PUBLIC, handler) as boolean | undefined;
      routes.push({
        controller: controller.name,
        handler: name,
        method: method === undefined ? 'GET' : RequestMethod[method],
        path: [path].flat().join('|'),
        isPublic: handlerPublic ?? classPublic,
        requiredScopes:
          (Reflect.getMetadata(REQUIRED_SCOPES, handler) as string[] | undefined) ?? classScopes,
        idempotent: typeof Reflect.getMetadata(IDEMPOTENT_ANSWER, handler) === 'function',
      });
    }
  }
  return routes;
}

/** Every route of the whole application. */
export function appRoutes(): RouteInfo[] {
  const root = AppModule.forRoot({
    env: validateEnvironment({}),
    database: { url: 'postgresql://unused@localhost/unused', poolSize: 1 },
  });
  return routesOf(controllersOf(root));
}

/** Routes that neither declare scopes nor are public: the guards would refuse every caller. */
export function undeclaredRoutes(routes: RouteInfo[]): RouteInfo[] {
  return routes.filter(
    (r) => !r.isPublic && (r.requiredScopes === undefined || r.requiredScopes.length === 0),
  );
}
