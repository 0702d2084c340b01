using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NetworkRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LinkedAt",
                table: "Mentions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "NodeId",
                table: "Mentions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotLinkedReason",
                table: "Mentions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contexts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Assessment = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Plan = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contexts_Agencies_OwnerAgencyId",
                        column: x => x.OwnerAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ToId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Confidence = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IntelligenceGrade = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    RecordType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SourceAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    On = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MentionId = table.Column<long>(type: "bigint", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Links_Agencies_SourceAgencyId",
                        column: x => x.SourceAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgeAsWritten = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    YoungestAge = table.Column<int>(type: "integer", nullable: true),
                    OldestAge = table.Column<int>(type: "integer", nullable: true),
                    AgeWrittenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OfConcern = table.Column<bool>(type: "boolean", nullable: false),
                    ConcernReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FlaggedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FlaggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Persons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Phones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Number = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Phones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Places",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Places", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vehicles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Registration = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsPartial = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    KeeperAsWritten = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vehicles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonNames",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonNames_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlaceNames",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlaceNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlaceNames_Places_PlaceId",
                        column: x => x.PlaceId,
                        principalTable: "Places",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_LinkedAt",
                table: "Mentions",
                column: "LinkedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_NodeId",
                table: "Mentions",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_Contexts_OwnerAgencyId",
                table: "Contexts",
                column: "OwnerAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Contexts_Reference",
                table: "Contexts",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Links_FromId_FromKind",
                table: "Links",
                columns: new[] { "FromId", "FromKind" });

            migrationBuilder.CreateIndex(
                name: "IX_Links_MentionId",
                table: "Links",
                column: "MentionId",
                unique: true,
                filter: "\"MentionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Links_RecordType_RecordId",
                table: "Links",
                columns: new[] { "RecordType", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_Links_SourceAgencyId",
                table: "Links",
                column: "SourceAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Links_ToId_ToKind",
                table: "Links",
                columns: new[] { "ToId", "ToKind" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonNames_Key",
                table: "PersonNames",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNames_PersonId",
                table: "PersonNames",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OfConcern",
                table: "Persons",
                column: "OfConcern");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Reference",
                table: "Persons",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Phones_Key",
                table: "Phones",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Phones_Reference",
                table: "Phones",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlaceNames_Key",
                table: "PlaceNames",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_PlaceNames_PlaceId",
                table: "PlaceNames",
                column: "PlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Places_Postcode",
                table: "Places",
                column: "Postcode");

            migrationBuilder.CreateIndex(
                name: "IX_Places_Reference",
                table: "Places",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vehicles_IsPartial_Key",
                table: "Vehicles",
                columns: new[] { "IsPartial", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Vehicles_Key",
                table: "Vehicles",
                column: "Key",
                unique: true,
                filter: "\"IsPartial\" = FALSE");

            migrationBuilder.CreateIndex(
                name: "IX_Vehicles_Reference",
                table: "Vehicles",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contexts");

            migrationBuilder.DropTable(
                name: "Links");

            migrationBuilder.DropTable(
                name: "PersonNames");

            migrationBuilder.DropTable(
                name: "Phones");

            migrationBuilder.DropTable(
                name: "PlaceNames");

            migrationBuilder.DropTable(
                name: "Vehicles");

            migrationBuilder.DropTable(
                name: "Persons");

            migrationBuilder.DropTable(
                name: "Places");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_LinkedAt",
                table: "Mentions");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_NodeId",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "LinkedAt",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "NodeId",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "NotLinkedReason",
                table: "Mentions");
        }
    }
}
