// Types of the plain-JavaScript module server/launch.mjs shares with the build.
export declare const primedCompileCache: string;
export declare function seedCompileCache(directory: string, primed?: string): boolean;
