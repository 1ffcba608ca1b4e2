using FluentValidation;

namespace Inventory.Api.Endpoints;

public sealed class CreateItemRequestValidator : AbstractValidator<CreateItemRequest>
{
    public CreateItemRequestValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64)
            .Matches("^[A-Z0-9][A-Z0-9-]*$").WithMessage("SKU may contain only upper-case letters, digits and dashes.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(2000);
    }
}

public sealed class TransferRequestValidator : AbstractValidator<TransferRequest>
{
    public TransferRequestValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.FromWarehouse).NotEmpty().MaximumLength(16);
        RuleFor(r => r.ToWarehouse).NotEmpty().MaximumLength(16)
            .NotEqual(r => r.FromWarehouse).WithMessage("Source and destination warehouses must differ.");
        RuleFor(r => r.Quantity).InclusiveBetween(1, 100_000);
        RuleFor(r => r.Reference).MaximumLength(128);
    }
}

public sealed class AdjustmentRequestValidator : AbstractValidator<AdjustmentRequest>
{
    public static readonly string[] Reasons = ["count", "damage", "return"];

    public AdjustmentRequestValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Warehouse).NotEmpty().MaximumLength(16);
        RuleFor(r => r.Delta).NotEqual(0).InclusiveBetween(-100_000, 100_000);
        RuleFor(r => r.Reason).Must(reason => Reasons.Contains(reason))
            .WithMessage($"Reason must be one of: {string.Join(", ", Reasons)}.");
    }
}

public static class ValidatorRegistration
{
    /// <summary>Every request validator, listed so that a new request type without one is a visible omission.</summary>
    public static IServiceCollection AddRequestValidators(this IServiceCollection services) => services
        .AddSingleton<IValidator<CreateItemRequest>, CreateItemRequestValidator>()
        .AddSingleton<IValidator<TransferRequest>, TransferRequestValidator>()
        .AddSingleton<IValidator<AdjustmentRequest>, AdjustmentRequestValidator>();
}

/// <summary>Runs the FluentValidation validator of the request body before the handler.</summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null)
        {
            return TypedResults.Problem("A request body is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : TypedResults.ValidationProblem(result.ToDictionary());
    }
}
