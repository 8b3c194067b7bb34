package dev.sqo.api.admission;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment of a CRD's x-kubernetes-validations on the API server, as far as sqo's rules use it: the
 * standard functions and macros, the strings extension, and the Kubernetes quantity library. A rule that uses
 * anything else does not compile here, so a test notices before a cluster does. {@code self} is dynamic here, where
 * the API server types it from the schema: a misspelt field compiles here, and only the API server refuses it when
 * the CRD is applied (field reads of every rule are exercised by the CRD's tests).
 */
final class KubernetesCel {

    private static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addLibraries(CelExtensions.strings())
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("isQuantity",
                            CelOverloadDecl.newGlobalOverload("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("quantity",
                            CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("compareTo",
                            CelOverloadDecl.newMemberOverload("quantity_compareTo_quantity", SimpleType.INT, QUANTITY, QUANTITY)),
                    CelFunctionDecl.newFunctionDeclaration("isLessThan",
                            CelOverloadDecl.newMemberOverload("quantity_isLessThan_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)),
                    CelFunctionDecl.newFunctionDeclaration("isGreaterThan",
                            CelOverloadDecl.newMemberOverload("quantity_isGreaterThan_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)))
            .build();

    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .addFunctionBindings(
                    CelFunctionBinding.from("is_quantity_string", String.class, s -> KubernetesQuantity.parse(s).isPresent()),
                    CelFunctionBinding.from("quantity_string", String.class, KubernetesCel::quantity),
                    CelFunctionBinding.from("quantity_compareTo_quantity", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> (long) Integer.signum(a.compareTo(b))),
                    CelFunctionBinding.from("quantity_isLessThan_quantity", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> a.compareTo(b) < 0),
                    CelFunctionBinding.from("quantity_isGreaterThan_quantity", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> a.compareTo(b) > 0))
            .build();

    /** @throws CelValidationException when the rule does not compile in this environment */
    CelRuntime.Program compile(String rule) throws CelValidationException, CelEvaluationException {
        return runtime.createProgram(compiler.compile(rule).getAst());
    }

    private static KubernetesQuantity quantity(String text) throws CelEvaluationException {
        return KubernetesQuantity.parse(text)
                .orElseThrow(() -> new CelEvaluationException("quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    }
}
