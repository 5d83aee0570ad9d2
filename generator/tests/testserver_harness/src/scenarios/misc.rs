//! xms-error-responses, constants, extensible-enums-swagger, validation, required-optional.

use super::{eq, expect_err, Scenario};
use crate::{call, client, opts, scenario, value};

pub fn errors() -> Vec<Scenario> {
    use xms_error_responses::models;
    vec![
        scenario!("expectedNoErrors", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let value = value!(c.pet().get_pet_by_id("tommy", None));
            let pet = value.ok_or("a 200 without the pet")?;
            eq("name", pet.name.as_deref(), Some("Tommy Tomson"))?;
            eq("aniType", pet.ani_type.as_deref(), Some("Dog"))?;
            let action = value!(c.pet().do_something("stay", None));
            eq("actionResponse", action.action_response, None)
        }),
        scenario!("getPetById202", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let response = call!(c.pet().get_pet_by_id("django", None));
            eq("status", response.status().as_u16(), 202)?;
            eq("value", response.into_value(), None)
        }),
        scenario!("animalNotFoundError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let error = match c.pet().get_pet_by_id("coyoteUgly", None).await {
                Ok(r) => return Err(format!("expected a 404, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(404))?;
            match error.api_error() {
                Some(models::NotFoundErrorBase::AnimalNotFound(a)) => {
                    eq("name", a.name.as_deref(), Some("coyote"))?;
                    eq(
                        "reason",
                        a.reason.as_deref(),
                        Some("the type of animal requested is not available"),
                    )
                }
                other => Err(format!("expected an AnimalNotFound error, got {other:?}")),
            }
        }),
        scenario!("linkNotFoundError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let error = match c.pet().get_pet_by_id("weirdAlYankovic", None).await {
                Ok(r) => return Err(format!("expected a 404, got {}", r.status())),
                Err(e) => e,
            };
            match error.api_error() {
                Some(models::NotFoundErrorBase::LinkNotFound(l)) => eq(
                    "whatSubAddress",
                    l.what_sub_address.as_deref(),
                    Some("pet/yourpet was not found"),
                ),
                other => Err(format!("expected a LinkNotFound error, got {other:?}")),
            }
        }),
        scenario!("stringError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            match c.pet().get_pet_by_id("ringo", None).await {
                Ok(r) => Err(format!("expected a 400, got {}", r.status())),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(400)),
            }
        }),
        scenario!("intError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            match c.pet().get_pet_by_id("alien123", None).await {
                Ok(r) => Err(format!("expected a 501, got {}", r.status())),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(501)),
            }
        }),
        // `models` has `x-ms-client-default: value1`: sent when the caller leaves it out; the
        // server answers with a PetSadError, which must decode despite the parameter's name.
        scenario!("sendErrorWithParamNameModels", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let error = match c.pet().has_models_param(None).await {
                Ok(r) => return Err(format!("expected a 500, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(500))?;
            match error.api_error() {
                Some(models::PetActionError::PetSadError(e)) => eq("reason", e.reason.as_deref(), Some("need more treats")),
                other => Err(format!("expected a PetSadError, got {other:?}")),
            }
        }),
        scenario!("expectedPetSadError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let error = match c.pet().do_something("jump", None).await {
                Ok(r) => return Err(format!("expected a 500, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(500))?;
            match error.api_error() {
                Some(models::PetActionError::PetSadError(e)) => {
                    eq("reason", e.reason.as_deref(), Some("need more treats"))?;
                    eq("errorMessage", e.error_message.as_deref(), Some("casper aint happy"))
                }
                other => Err(format!("expected a PetSadError, got {other:?}")),
            }
        }),
        scenario!("expectedPetHungryError", |ctx| {
            let c = client!(xms_error_responses, ctx);
            let error = match c.pet().do_something("fetch", None).await {
                Ok(r) => return Err(format!("expected a 404, got {}", r.status())),
                Err(e) => e,
            };
            match error.api_error() {
                Some(models::PetActionError::PetHungryOrThirstyError(e)) => eq(
                    "hungryOrThirsty",
                    e.hungry_or_thirsty.as_deref(),
                    Some("hungry and thirsty"),
                ),
                other => Err(format!("expected a PetHungryOrThirstyError, got {other:?}")),
            }
        }),
    ]
}

pub fn constants() -> Vec<Scenario> {
    vec![
        scenario!("ConstantClientProperties", |ctx| {
            let c = client!(
                constants,
                ctx,
                true,
                constants::models::QueryConstant::V100,
                constants::models::PathConstant::Path
            );
            eq(
                "status",
                call!(c.contants().put_client_constants(None)).status().as_u16(),
                200,
            )
        }),
        scenario!("ConstantsInPath", |ctx| {
            let c = client!(validation, ctx, "abc123", "12-34-5678");
            let request = c.get_with_constant_in_path(validation::models::ConstantParam::Constant, None);
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("ConstantsInBody", |ctx| {
            use validation::models::*;
            let c = client!(validation, ctx, "abc123", "12-34-5678");
            let product = Product {
                display_names: None,
                capacity: None,
                image: None,
                child: ChildProduct {
                    const_property: ChildProductConstProperty::Constant,
                    count: None,
                },
                const_child: ConstantProduct {
                    const_property: ConstantProductConstProperty::Constant,
                    const_property2: ConstantProductConstProperty2::Constant2,
                },
                const_int: ProductConstInt::V0,
                const_string: ProductConstString::Constant,
                const_string_as_enum: None,
            };
            let request = c.post_with_constant_in_body(
                ConstantParam::Constant,
                opts!(validation::operations::PostWithConstantInBodyOptions {
                    body: product.clone()
                }),
            );
            let echoed = value!(request);
            eq("echoed body", echoed, product)
        }),
    ]
}

pub fn enums() -> Vec<Scenario> {
    use extensible_enums::models::{DaysOfWeekExtensibleEnum as Days, IntEnum, Pet};
    vec![
        scenario!("expectedEnum", |ctx| {
            let pet = value!(client!(extensible_enums, ctx).pet().get_by_pet_id("tommy", None));
            eq("DaysOfWeek", pet.days_of_week, Some(Days::Monday))?;
            eq("IntEnum", pet.int_enum, IntEnum::V1)
        }),
        scenario!("unexpectedEnum", |ctx| {
            let pet = value!(client!(extensible_enums, ctx).pet().get_by_pet_id("casper", None));
            eq(
                "DaysOfWeek",
                pet.days_of_week,
                Some(Days::UnknownValue("Weekend".to_string())),
            )?;
            eq("IntEnum", pet.int_enum, IntEnum::V2)
        }),
        scenario!("allowedValueEnum", |ctx| {
            let pet = value!(client!(extensible_enums, ctx).pet().get_by_pet_id("scooby", None));
            eq("DaysOfWeek", pet.days_of_week, Some(Days::Thursday))?;
            eq("IntEnum", pet.int_enum, IntEnum::UnknownValue("2.1".to_string()))
        }),
        scenario!("roundTripEnum", |ctx| {
            let pet = Pet {
                name: Some("Retriever".to_string()),
                days_of_week: Some(Days::Friday),
                int_enum: IntEnum::V2,
            };
            let echoed = value!(client!(extensible_enums, ctx).pet().add_pet(opts!(
                extensible_enums::operations::pet::AddPetOptions { pet_param: pet.clone() }
            )));
            eq("echoed pet", echoed, pet)
        }),
    ]
}

pub fn validation() -> Vec<Scenario> {
    vec![
        scenario!("clientSideMinLength", |ctx| {
            // resourceGroupName has minLength 3: the request is refused before it is sent.
            let c = client!(validation, ctx, "abc123", "12-34-5678");
            let error = expect_err(
                "resourceGroupName \"1\"",
                c.validation_of_method_parameters("1", 100, None).await,
            )?;
            eq(
                "a validation error",
                error.contains("Invalid") || error.contains("MinLength"),
                true,
            )
        }),
        scenario!("clientSideMaximum", |ctx| {
            // id has maximum 1000.
            let c = client!(validation, ctx, "abc123", "12-34-5678");
            let error = expect_err("id 1001", c.validation_of_method_parameters("123", 1001, None).await)?;
            eq(
                "a validation error",
                error.contains("Invalid") || error.contains("Maximum"),
                true,
            )
        }),
        scenario!("clientSidePattern", |ctx| {
            // resourceGroupName has the (unanchored) pattern [a-zA-Z0-9]+.
            let c = client!(validation, ctx, "abc123", "12-34-5678");
            let error = expect_err(
                "resourceGroupName \"---\"",
                c.validation_of_method_parameters("---", 100, None).await,
            )?;
            eq(
                "a validation error",
                error.contains("Invalid") || error.contains("Pattern"),
                true,
            )
        }),
    ]
}

pub fn required_optional() -> Vec<Scenario> {
    macro_rules! ok200 {
        ($ctx:ident, |$c:ident| $call:expr) => {{
            let $c = client!(required_optional, $ctx, "required_path", "required_query");
            eq("status", call!($call).status().as_u16(), 200)
        }};
    }
    vec![
        scenario!("ImplicitOptionalBinaryBody", |ctx| {
            ok200!(ctx, |c| c.implicit().put_optional_binary_body(None))
        }),
        scenario!("ExplicitOptionalBinaryBody", |ctx| {
            ok200!(ctx, |c| c.explicit().put_optional_binary_body(None))
        }),
        scenario!("ExplicitRequiredBinaryBody", |ctx| {
            ok200!(ctx, |c| c.explicit().put_required_binary_body(b"hello".to_vec(), None))
        }),
        scenario!("OptionalImplicitBody", |ctx| {
            ok200!(ctx, |c| c.implicit().put_optional_body(None))
        }),
        scenario!("OptionalImplicitHeader", |ctx| {
            ok200!(ctx, |c| c.implicit().put_optional_header(None))
        }),
        scenario!("OptionalImplicitQuery", |ctx| {
            ok200!(ctx, |c| c.implicit().put_optional_query(None))
        }),
        scenario!("OptionalGlobalQuery", |ctx| {
            ok200!(ctx, |c| c.implicit().get_optional_global_query(None))
        }),
        scenario!("GeneralOptional", |ctx| {
            // Every optional parameter left out: the server sees no body, header or query.
            let c = client!(required_optional, ctx, "required_path", "required_query");
            eq(
                "integer parameter",
                call!(c.explicit().post_optional_integer_parameter(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "integer property",
                call!(c.explicit().post_optional_integer_property(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "integer header",
                call!(c.explicit().post_optional_integer_header(None)).status().as_u16(),
                200,
            )?;
            eq(
                "string parameter",
                call!(c.explicit().post_optional_string_parameter(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "string property",
                call!(c.explicit().post_optional_string_property(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "string header",
                call!(c.explicit().post_optional_string_header(None)).status().as_u16(),
                200,
            )?;
            eq(
                "class parameter",
                call!(c.explicit().post_optional_class_parameter(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "class property",
                call!(c.explicit().post_optional_class_property(None)).status().as_u16(),
                200,
            )?;
            eq(
                "array parameter",
                call!(c.explicit().post_optional_array_parameter(None))
                    .status()
                    .as_u16(),
                200,
            )?;
            eq(
                "array property",
                call!(c.explicit().post_optional_array_property(None)).status().as_u16(),
                200,
            )?;
            eq(
                "array header",
                call!(c.explicit().post_optional_array_header(None)).status().as_u16(),
                200,
            )
        }),
    ]
}
